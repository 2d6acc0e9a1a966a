import Regression

/// One metric the canary judge compares between the baseline and the canary, interval by
/// interval: the probe's latency or error rate, or a named Prometheus query.
public struct CanaryMetric: Sendable, Equatable {
    /// Where the metric's samples come from.
    public enum Source: Sendable, Equatable {
        /// The corrected latency of each probe request, seconds.
        case latency
        /// Each probe request's outcome: 1 failed, 0 succeeded (so the mean is the error rate).
        case errorRate
        /// The values of a PromQL expression over the interval, `{{group}}` replaced by each side's
        /// label matchers.
        case query(template: String)
    }

    /// The name on the command line and in every output: `latency`, `error_rate`, a query's NAME.
    public var name: String
    /// Where the samples come from.
    public var source: Source
    /// Which way the metric gets worse.
    public var direction: MetricDirection
    /// How far the canary may move before a significant difference counts.
    public var tolerance: CanaryTolerance

    /// Creates a metric.
    public init(name: String, source: Source, direction: MetricDirection, tolerance: CanaryTolerance) {
        self.name = name
        self.source = source
        self.direction = direction
        self.tolerance = tolerance
    }

    /// Whether the probe measures it (rather than Prometheus).
    public var isProbed: Bool {
        if case .query = source { return false }
        return true
    }

    /// How a side's samples are summed up into the value the effect compares: the error rate is a
    /// mean of 0/1 outcomes (the median of those is 0 until half the requests fail); everything
    /// else a median, which one slow request or one odd scrape does not move.
    public var centre: Centre {
        source == .errorRate ? .mean : .median
    }

    /// A side's summary value.
    public enum Centre: String, Sendable, Equatable {
        case median, mean
    }
}
