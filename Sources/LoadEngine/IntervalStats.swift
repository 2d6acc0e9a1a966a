import Histogram

/// What happened in one second of a run, by completion time: the timeline of a run.
public struct IntervalStats: Sendable, Equatable, Codable {
    /// Seconds since the run started (0 is the first second).
    public var second: Int
    /// Requests completed in that second, failures included.
    public var requests: Int
    /// Requests that failed (transport failure or 4xx/5xx).
    public var errors: Int
    /// Responses with a 5xx status (a subset of `errors`).
    public var serverErrors: Int
    /// Arrivals dropped in that second (over the in-flight limit, or cut by the end of a run).
    public var dropped: Int
    /// Requests sent and not yet completed when that second ended.
    public var inFlight: Int
    /// Corrected latency percentiles and mean of that second, microseconds (0 when nothing
    /// completed). Every compared metric has a per-second value, for the one-run bootstrap.
    public var p50: UInt64, p90: UInt64, p95: UInt64, p99: UInt64, p999: UInt64
    /// Mean corrected latency of that second, microseconds.
    public var mean: Double
    /// The rate the schedule intended at the middle of that second (nil in the closed model).
    public var intendedRate: Double?

    /// Creates the stats of one second; the percentiles and mean are microseconds.
    public init(second: Int, requests: Int, errors: Int, serverErrors: Int = 0, dropped: Int = 0, inFlight: Int = 0,
                p50: UInt64 = 0, p90: UInt64 = 0, p95: UInt64 = 0, p99: UInt64 = 0, p999: UInt64 = 0,
                mean: Double = 0, intendedRate: Double? = nil) {
        self.second = second
        self.requests = requests
        self.errors = errors
        self.serverErrors = serverErrors
        self.dropped = dropped
        self.inFlight = inFlight
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.p999 = p999
        self.mean = mean
        self.intendedRate = intendedRate
    }
}

/// A finished second as a run reports it while it goes on: the timeline's entry and that
/// second's latency histogram, so that callers can merge seconds exactly (a rolling window, a
/// metrics endpoint). Only the stats are kept in the run's timeline: memory stays flat.
public struct IntervalReport: Sendable {
    /// The second's entry in the timeline.
    public var stats: IntervalStats
    /// Corrected latency of the second's responses, microseconds, at two significant digits.
    public var latency: Histogram<UInt64>

    /// Creates a report; `latency` should come from `IntervalReport.makeHistogram()` so that
    /// reports can be merged.
    public init(stats: IntervalStats, latency: Histogram<UInt64>) {
        self.stats = stats
        self.latency = latency
    }

    /// An empty histogram with the range and precision of every report's.
    public static func makeHistogram() -> Histogram<UInt64> {
        LatencyHistograms.makeHistogram(significantDigits: .two)
    }
}

/// One worker's counts for the second it is in; handed to `IntervalSeriesBuilder` when the
/// second is over. Two significant digits keep it small: it is a timeline, not the summary.
struct IntervalAccumulator {
    var second: Int
    var requests = 0
    var errors = 0
    var serverErrors = 0
    var dropped = 0
    var inFlight = 0
    var latency = IntervalReport.makeHistogram()

    init(second: Int) { self.second = second }

    /// Whether there is anything to merge; an empty second is still part of the timeline.
    var hasCounts: Bool { requests > 0 || dropped > 0 || inFlight > 0 }

    @inline(__always)
    mutating func record(latencyNanoseconds: Int64?, failed: Bool, serverError: Bool = false) {
        requests &+= 1
        if failed { errors &+= 1 }
        if serverError { serverErrors &+= 1 }
        if let latencyNanoseconds { latency.record(LatencyHistograms.clampedMicroseconds(latencyNanoseconds)) }
    }

    mutating func merge(_ other: IntervalAccumulator) {
        requests += other.requests
        errors += other.errors
        serverErrors += other.serverErrors
        dropped += other.dropped
        inFlight += other.inFlight
        latency.add(other.latency)
    }
}
