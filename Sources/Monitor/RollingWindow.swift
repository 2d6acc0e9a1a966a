import Histogram
import Histograms
import LoadEngine

/// The probe's last `seconds` seconds, merged: what its thresholds are judged on. Takes the
/// per-second reports of a run in order and forgets each once it slides out, so memory stays
/// flat however long the monitor runs.
public struct RollingWindow: Sendable {
    /// The window's length in whole seconds.
    public let seconds: Int
    private var reports: [IntervalReport] = []

    /// A window of `seconds` (at least 1).
    public init(seconds: Int) {
        precondition(seconds >= 1, "a window holds at least one second")
        self.seconds = seconds
    }

    /// Adds the next second; the oldest slides out once the window is full.
    public mutating func append(_ report: IntervalReport) {
        reports.append(report)
        if reports.count > seconds { reports.removeFirst(reports.count - seconds) }
    }

    /// Whether the window spans its whole length: before that, it is not judged, so a handful of
    /// early requests cannot fail a deploy on their own.
    public var isFull: Bool { reports.count == seconds }

    /// The seconds of the run the window covers, or nil before the first.
    public var span: ClosedRange<Int>? {
        guard let first = reports.first, let last = reports.last else { return nil }
        return first.stats.second...last.stats.second
    }

    /// What the window's seconds add up to.
    public var summary: WindowSummary {
        var latency = IntervalReport.makeHistogram()
        var summary = WindowSummary()
        for report in reports {
            summary.requests += report.stats.requests
            summary.errors += report.stats.errors
            summary.serverErrors += report.stats.serverErrors
            latency.add(report.latency)
        }
        summary.latency = PercentileReadout(latency)
        return summary
    }
}

/// Counts and latency of a window of seconds.
public struct WindowSummary: Sendable, Equatable {
    /// Requests completed, failures included.
    public var requests = 0
    /// Failed requests (transport failures, 4xx, 5xx).
    public var errors = 0
    /// Responses with a 5xx status.
    public var serverErrors = 0
    /// Corrected latency of the responses, microseconds.
    public var latency = PercentileReadout.empty

    /// Creates an empty summary.
    public init() {}

    /// The value of a probe signal, in its unit (a proportion, seconds); nil when the window holds
    /// nothing to compute it from, or for a query's signal.
    public func value(of signal: MonitorSignal) -> Double? {
        switch signal {
        case .errorRate:
            return requests > 0 ? Double(errors) / Double(requests) : nil
        case .status5xxRate:
            return requests > 0 ? Double(serverErrors) / Double(requests) : nil
        case .latency(let statistic):
            return latency.count > 0 ? Double(statistic.value(in: latency)) / 1e6 : nil
        case .query:
            return nil
        }
    }
}
