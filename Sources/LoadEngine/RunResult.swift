import Foundation
import Units

/// How a run ended.
public enum RunOutcome: String, Sendable, Codable {
    /// The schedule or duration ran to its end.
    case completed
    /// A stop was requested (Ctrl-C, SIGTERM) and the run ended early.
    case interrupted
}

/// Everything one run measured. Built once at the end; aggregation lives here, formatting
/// lives in the reporters.
public struct RunResult: Sendable {
    /// The plan that was run.
    public var plan: LoadPlan
    /// How the run ended.
    public var outcome: RunOutcome
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
    /// Arrivals never sent: over `--max-in-flight`, or still waiting for a connection when the
    /// drain period after the schedule ran out or the run was stopped.
    public var dropped: Int
    /// Requests still in flight when the drain grace period ran out.
    public var unfinished: Int
    /// Response bodies received, bytes.
    public var bytesReceived: Int64
    /// Responses by HTTP status.
    public var statusCounts: [Int: Int]
    /// Failures by kind (transport failures and 4xx/5xx responses).
    public var errors: [ErrorKind: Int]
    /// Latency histograms, microseconds.
    public var histograms: LatencyHistograms
    /// Per-second timeline.
    public var series: [IntervalStats]

    /// Arrivals the schedule intended (open model); `nil` in the closed model.
    public var intendedRequests: Int? {
        if case .open(let schedule, _) = plan.model { return schedule.totalArrivals }
        return nil
    }

    /// Mean rate the schedule intended (open model); `nil` in the closed model.
    public var intendedRate: Double? {
        if case .open(let schedule, _) = plan.model { return schedule.meanRate }
        return nil
    }

    /// Requests that completed one way or another (response or transport failure).
    public var completed: Int { responses + transportFailures }

    /// Transport failures (no HTTP status received).
    public var transportFailures: Int {
        errors.filter { $0.key.isTransportFailure }.values.reduce(0, +)
    }

    /// All failures: transport failures plus 4xx and 5xx responses.
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
    public func percentiles(_ metric: LatencyMetric) -> PercentileSummary {
        PercentileSummary(histograms[metric])
    }
}
