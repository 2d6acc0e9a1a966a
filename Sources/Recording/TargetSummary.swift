import LoadEngine
import Units

/// A target as summaries show it: the engine's numbers, and the text rendered from them. The
/// JSON keys `name`, `requirement`, `measured` and `passed` are the documented ones; `limit`,
/// `measured_value`, `unit`, `comparison` and `tolerance` carry the numbers (README, "JSON summary").
public struct TargetSummary: Codable, Equatable, Sendable {
    /// What is measured: `p95`, `error_rate`, `rate`, `checks`.
    public var name: String
    /// The limit as people read it: `<= 500ms`, `2000.0/s ± 5.00%`.
    public var requirement: String
    /// The measured value as people read it: `412ms`, `1.20%`, `no responses`.
    public var measured: String
    /// Whether the run met the target.
    public var passed: Bool
    /// The limit in `unit`.
    public var limit: Double
    /// The measured value in `unit`; absent when there was nothing to measure.
    public var measuredValue: Double?
    /// `ms`, `req/s` or `ratio`.
    public var unit: String
    /// `<=`, `>=` or `within`.
    public var comparison: String
    /// For `within`: the allowed deviation, a proportion of the limit.
    public var tolerance: Double?

    /// The summary of `check`, its text rendered from its numbers.
    public init(_ check: TargetCheck) {
        name = check.name
        passed = check.passed
        limit = check.limit
        measuredValue = check.measured
        unit = check.unit.rawValue
        switch check.comparison {
        case .atMost:
            comparison = "<="
            requirement = "<= \(Self.text(check.limit, check.unit, decimals: 1))"
        case .atLeast:
            comparison = ">="
            requirement = ">= \(Self.text(check.limit, check.unit, decimals: 1))"
        case .within(let tolerance):
            comparison = "within"
            self.tolerance = tolerance
            requirement = "\(Self.text(check.limit, check.unit, decimals: 1)) ± \(Self.text(tolerance, .ratio, decimals: 2))"
        }
        measured = check.measured.map { Self.text($0, check.unit, decimals: 2) } ?? "no responses"
        if let tally = check.tally { measured += " (\(tally.passed)/\(tally.total))" }
    }

    /// `value` in `unit` as summaries print it; `decimals` applies to rates (a limit shows one,
    /// a measured rate two).
    private static func text(_ value: Double, _ unit: TargetCheck.Unit, decimals: Int) -> String {
        switch unit {
        case .milliseconds: DurationText.formatMicroseconds((value * 1_000).rounded())
        case .requestsPerSecond: "\(fixed(value, decimals: decimals))/s"
        case .ratio: "\(fixed(value * 100, decimals: 2))%"
        }
    }
}
