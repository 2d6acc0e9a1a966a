/// What a comparison concludes about one metric of one step.
public enum RegressionVerdict: String, Codable, Sendable, CaseIterable {
    /// Worse by more than its threshold, and significant: fails the gate.
    case regression
    /// Better by more than its threshold, and significant.
    case improvement
    /// Within the threshold, or within noise (printed as `~`).
    case unchanged
    /// The change exceeds the threshold but the data cannot say whether it is real (too few
    /// seconds, or no value on one side); the row's note says why.
    case inconclusive
}
