import Histogram

/// What happened in one second of a run, by completion time: the timeline of a run.
public struct IntervalStats: Sendable, Equatable, Codable {
    /// Seconds since the run started (0 is the first second).
    public var second: Int
    /// Requests completed in that second, failures included.
    public var requests: Int
    /// Requests that failed (transport failure or 4xx/5xx).
    public var errors: Int
    /// Corrected latency percentiles and mean of that second, microseconds (0 when nothing
    /// completed). Every compared metric has a per-second value, for the one-run bootstrap.
    public var p50: UInt64, p90: UInt64, p95: UInt64, p99: UInt64, p999: UInt64
    /// Mean corrected latency of that second, microseconds.
    public var mean: Double
    /// The rate the schedule intended at the middle of that second (nil in the closed model).
    public var intendedRate: Double?
}

/// One worker's counts for the second it is in; handed to `IntervalSeriesBuilder` when the
/// second is over. Two significant digits keep it small: it is a timeline, not the summary.
struct IntervalAccumulator {
    var second: Int
    var requests = 0
    var errors = 0
    var latency = LatencyHistograms.makeHistogram(significantDigits: .two)

    init(second: Int) { self.second = second }

    @inline(__always)
    mutating func record(latencyNanoseconds: Int64?, failed: Bool) {
        requests &+= 1
        if failed { errors &+= 1 }
        if let latencyNanoseconds { latency.record(LatencyHistograms.clampedMicroseconds(latencyNanoseconds)) }
    }

    mutating func merge(_ other: IntervalAccumulator) {
        requests += other.requests
        errors += other.errors
        latency.add(other.latency)
    }
}
