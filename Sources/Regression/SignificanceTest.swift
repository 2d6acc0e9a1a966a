/// The statistical test behind a row's p-value.
public enum SignificanceTest: String, Codable, Sendable, CaseIterable {
    /// Mann-Whitney U on the per-run values (several runs per version).
    case mannWhitneyU = "mann_whitney_u"
    /// Bootstrap of the mean over per-second values (one run each, or too few runs for U).
    case bootstrap
}
