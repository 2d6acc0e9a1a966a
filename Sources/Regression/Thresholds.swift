/// How much worse (or better) a metric must get before a change counts: a global percent for
/// latency and throughput, a number of percentage points for the error rate, and per-metric
/// overrides (`--threshold 10 --threshold p99=15 --threshold error_rate=0.5`).
public struct Thresholds: Codable, Equatable, Sendable {
    /// The global threshold when none is given, percent.
    public static let defaultPercent = 10.0
    /// The error-rate threshold when none is given, percentage points. The global percent does
    /// not apply to the error rate: 10% of a 0.1% error rate is noise, and 10 points far too lax.
    public static let defaultErrorRatePoints = 1.0

    /// Threshold for metrics without an override, percent of the baseline value.
    public var percent: Double
    /// Per-metric thresholds, in each metric's delta unit (percentage points for `error_rate`).
    public var overrides: [Metric: Double]

    /// Creates thresholds.
    public init(percent: Double = Thresholds.defaultPercent, overrides: [Metric: Double] = [:]) {
        self.percent = percent
        self.overrides = overrides
    }

    /// The threshold that applies to `metric`, in its delta unit.
    public func threshold(for metric: Metric) -> Double {
        if let override = overrides[metric] { return override }
        return metric.deltaUnit == .points ? Thresholds.defaultErrorRatePoints : percent
    }

    private enum CodingKeys: String, CodingKey {
        case percent
        case overrides
    }
}
