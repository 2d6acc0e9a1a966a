/// The statistical test behind a row's p-value.
public enum SignificanceTest: String, Codable, Sendable, CaseIterable {
    /// Mann-Whitney U on the per-run values (several runs per version), exact up to 30 runs a
    /// side, ties included.
    case mannWhitneyU = "mann_whitney_u"
    /// Student's t on the per-run values (logarithms for metrics compared in percent), with the
    /// run-to-run noise pooled from replicated runs and the store's history: used when there
    /// are too few runs for Mann-Whitney U to reach alpha.
    case tTest = "t_test"
    /// No test: one run a side and nothing to estimate the run-to-run noise from.
    case none
}
