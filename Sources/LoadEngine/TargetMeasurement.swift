import Histograms

/// What a target (`RunTarget`) is judged on: a run's totals, whether just measured or read back
/// from the store (a merged run group, for `perfkit check`), so both are judged by one rule.
public protocol TargetMeasurement {
    /// Requests that got an HTTP response.
    var responses: Int { get }
    /// Requests that completed (response or transport failure).
    var completed: Int { get }
    /// Failures over completed requests (0 when nothing completed).
    var errorRate: Double { get }
    /// Completed requests per second of sending.
    var achievedRate: Double { get }
    /// Percentiles of the corrected latency, microseconds.
    var latencyReadout: PercentileReadout { get }
}

extension Measurements: TargetMeasurement {
    /// Percentiles of the corrected latency, microseconds.
    public var latencyReadout: PercentileReadout { percentiles(.latency) }
}
