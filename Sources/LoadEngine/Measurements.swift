import Foundation
import Histograms

/// What one stream of requests measured: counts, histograms and the per-second timeline.
/// A whole single-URL run has one; a scenario has one per step. Aggregates live here so that
/// every caller (summaries, the store, targets) computes rates and error shares the same way.
public struct Measurements: Sendable {
    /// Wall-clock start.
    public var startedAt: Date
    /// From the start to the end of sending or the last completion, whichever is later.
    public var elapsed: Duration
    /// From the start to the end of sending: the planned end, a stop, or the last send if
    /// requests queued behind busy connections went out later than planned.
    public var sendingWindow: Duration
    /// Requests handed to the transport.
    public var sent: Int
    /// Requests that got an HTTP response (any status).
    public var responses: Int
    /// Arrivals never sent: over the in-flight limit, or still waiting for a connection when
    /// the drain period ran out or the run was stopped.
    public var dropped: Int
    /// Requests still in flight when the drain grace period ran out.
    public var unfinished: Int
    /// Response bodies received, bytes.
    public var bytesReceived: Int64
    /// Responses by HTTP status.
    public var statusCounts: [Int: Int]
    /// Failures by kind (transport failures, 4xx/5xx responses, failed checks).
    public var errors: [ErrorKind: Int]
    /// Latency histograms, microseconds.
    public var histograms: LatencyHistograms
    /// Per-second timeline.
    public var series: [IntervalStats]
    /// Arrivals a schedule intended; nil when no schedule paced the requests.
    public var intendedRequests: Int?
    /// Mean rate a schedule intended; nil when no schedule paced the requests.
    public var intendedRate: Double?

    /// Requests that completed one way or another (response or transport failure).
    public var completed: Int { responses + transportFailures }

    /// Transport failures (no HTTP status received).
    public var transportFailures: Int {
        errors.filter { $0.key.isTransportFailure }.values.reduce(0, +)
    }

    /// All failures: transport failures, 4xx and 5xx responses, failed checks.
    public var failures: Int { errors.values.reduce(0, +) }

    /// Failures as a share of completed requests (0 when nothing completed).
    public var errorRate: Double { completed > 0 ? Double(failures) / Double(completed) : 0 }

    /// Completed requests per second of sending. The sending window, not the elapsed time, so
    /// the last responses' latency does not read as a rate shortfall; a target that falls
    /// behind still shows one, because its queued requests go out late and widen the window.
    public var achievedRate: Double {
        let seconds = sendingWindow.seconds
        return seconds > 0 ? Double(completed) / seconds : 0
    }

    /// Percentiles of one metric, microseconds.
    public func percentiles(_ metric: LatencyMetric) -> PercentileReadout {
        PercentileReadout(histograms[metric])
    }

    /// Merges what several recorders counted.
    init(_ recorders: [RunRecorder], series: [IntervalStats], startedAt: Date, elapsed: Duration,
         sendingWindow: Duration, schedule: ArrivalSchedule?) {
        var histograms = LatencyHistograms()
        var statusCounts: [Int: Int] = [:]
        var errors: [ErrorKind: Int] = [:]
        for recorder in recorders {
            histograms.add(recorder.histograms)
            for (status, count) in recorder.statusCounts.enumerated() where count > 0 {
                statusCounts[status, default: 0] += count
            }
            for (kind, count) in zip(ErrorKind.allCases, recorder.errorCounts) where count > 0 {
                errors[kind, default: 0] += count
            }
        }
        self.startedAt = startedAt
        self.elapsed = elapsed
        self.sendingWindow = sendingWindow
        sent = recorders.reduce(0) { $0 + $1.sent }
        responses = recorders.reduce(0) { $0 + $1.responses }
        dropped = recorders.reduce(0) { $0 + $1.dropped }
        unfinished = recorders.reduce(0) { $0 + $1.unfinished }
        bytesReceived = recorders.reduce(0) { $0 + $1.bytesReceived }
        self.statusCounts = statusCounts
        self.errors = errors
        self.histograms = histograms
        self.series = series
        intendedRequests = schedule?.totalArrivals
        intendedRate = schedule?.meanRate
    }
}
