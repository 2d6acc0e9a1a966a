import Histograms
import Units

/// The latency percentiles a target can name.
public enum LatencyPercentile: String, CaseIterable, Sendable {
    case p50, p90, p95, p99, p999 = "p99.9"

    /// The percentile's value in a summary, microseconds.
    public func value(in summary: PercentileReadout) -> UInt64 {
        switch self {
        case .p50: summary.p50
        case .p90: summary.p90
        case .p95: summary.p95
        case .p99: summary.p99
        case .p999: summary.p999
        }
    }
}

/// A pass/fail condition on what a run measured (`--target-p95`, a scenario's `thresholds`).
public enum RunTarget: Sendable, Equatable {
    /// Corrected latency at a percentile must not exceed a limit.
    case latency(LatencyPercentile, atMost: Duration)
    /// Failures over completed requests must not exceed a proportion.
    case errorRate(atMost: Double)
    /// The achieved rate must be within `tolerance` (a proportion) of `rate`.
    case rate(Double, tolerance: Double)
    /// The achieved rate must reach `rate` (closed model: finding the ceiling).
    case rateAtLeast(Double)

    /// Checks the target against `result`.
    public func evaluate(_ result: Measurements) -> TargetCheck {
        switch self {
        case .latency(let percentile, let limit):
            let measured = percentile.value(in: result.percentiles(.latency))
            let hasData = result.responses > 0
            return TargetCheck(
                name: percentile.rawValue,
                requirement: "<= \(DurationText.format(limit))",
                measured: hasData ? DurationText.formatMicroseconds(Double(measured)) : "no responses",
                passed: hasData && Double(measured) <= limit.microseconds)
        case .errorRate(let limit):
            return TargetCheck(
                name: "error_rate",
                requirement: "<= \(percent(limit))",
                measured: percent(result.errorRate),
                passed: result.completed > 0 && result.errorRate <= limit)
        case .rate(let rate, let tolerance):
            let deviation = rate > 0 ? abs(result.achievedRate - rate) / rate : 0
            return TargetCheck(
                name: "rate",
                requirement: "\(fixed(rate, decimals: 1))/s ± \(percent(tolerance))",
                measured: "\(fixed(result.achievedRate, decimals: 2))/s",
                passed: deviation <= tolerance)
        case .rateAtLeast(let rate):
            return TargetCheck(
                name: "rate",
                requirement: ">= \(fixed(rate, decimals: 1))/s",
                measured: "\(fixed(result.achievedRate, decimals: 2))/s",
                passed: result.achievedRate >= rate)
        }
    }

    private func percent(_ proportion: Double) -> String { "\(fixed(proportion * 100, decimals: 2))%" }
}

/// The outcome of one target, as shown in summaries.
public struct TargetCheck: Codable, Sendable, Equatable {
    /// What is measured: `p95`, `error_rate`, `rate`.
    public var name: String
    /// The limit, as the user wrote it: `<= 500ms`.
    public var requirement: String
    /// The value the run measured.
    public var measured: String
    /// Whether the run met the target.
    public var passed: Bool

    /// A check as shown in summaries; also for conditions on something other than a
    /// measurement, such as the share of scenario checks that passed.
    public init(name: String, requirement: String, measured: String, passed: Bool) {
        self.name = name
        self.requirement = requirement
        self.measured = measured
        self.passed = passed
    }
}
