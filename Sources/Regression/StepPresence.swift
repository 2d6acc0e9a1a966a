/// Which versions measured a (scenario, step).
public enum StepPresence: String, Codable, Sendable, CaseIterable {
    /// Both versions: the row is compared.
    case both
    /// Only the baseline version (a step removed or renamed): no verdict.
    case baselineOnly = "baseline_only"
    /// Only the current version (a new step): no verdict.
    case currentOnly = "current_only"
}
