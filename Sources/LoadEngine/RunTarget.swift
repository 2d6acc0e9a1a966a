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
    public func evaluate(_ result: some TargetMeasurement) -> TargetCheck {
        switch self {
        case .latency(let percentile, let limit):
            let measured = percentile.value(in: result.latencyReadout)
            let hasData = result.responses > 0
            return TargetCheck(
                name: percentile.rawValue, comparison: .atMost, limit: limit.microseconds / 1_000,
                measured: hasData ? Double(measured) / 1_000 : nil, unit: .milliseconds,
                passed: hasData && Double(measured) <= limit.microseconds)
        case .errorRate(let limit):
            return TargetCheck(
                name: "error_rate", comparison: .atMost, limit: limit, measured: result.errorRate, unit: .ratio,
                passed: result.completed > 0 && result.errorRate <= limit)
        case .rate(let rate, let tolerance):
            let deviation = rate > 0 ? abs(result.achievedRate - rate) / rate : 0
            return TargetCheck(
                name: "rate", comparison: .within(tolerance: tolerance), limit: rate, measured: result.achievedRate,
                unit: .requestsPerSecond, passed: deviation <= tolerance)
        case .rateAtLeast(let rate):
            return TargetCheck(
                name: "rate", comparison: .atLeast, limit: rate, measured: result.achievedRate,
                unit: .requestsPerSecond, passed: result.achievedRate >= rate)
        }
    }
}
