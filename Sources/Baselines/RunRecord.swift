import Foundation
import Histograms

/// One stored run: what was measured, against what, on which machine. Independent of how it
/// was measured (the store knows nothing of HTTP); the command line builds it from a run.
public struct RunRecord: Codable, Sendable, Equatable {
    /// Row id, assigned by the store (nil before saving).
    public var id: Int64?
    /// Version of the service under test, e.g. `v1.2.3`.
    public var version: String
    /// Scenario name, e.g. `latency` or `trading-flow`.
    public var scenario: String
    /// Endpoint or flow step the histograms belong to, e.g. `GET /api/signals`.
    public var step: String
    /// Target URL.
    public var targetURL: String
    /// The run's configuration as JSON, secrets redacted (see `Redaction`).
    public var configJSON: String
    /// The machine that measured.
    public var host: HostFingerprint
    /// perfkit's version.
    public var perfkitVersion: String
    /// Wall-clock start.
    public var startedAt: Date
    /// Wall-clock end.
    public var endedAt: Date
    /// How the run ended.
    public var status: RunStatus
    /// Request counts.
    public var counts: RunCounts
    /// Mean intended rate (open model), requests per second.
    public var intendedRate: Double?
    /// Achieved rate, requests per second.
    public var achievedRate: Double
    /// Responses by HTTP status.
    public var statusCodes: [Int: Int]
    /// Failures by kind (`refused`, `timeout`, `http_5xx`, ...).
    public var errors: [String: Int]
    /// Histograms by metric name: `latency`, `service_time`, `wait`, `dns`, `connect`, `tls`,
    /// `ttfb`, `transfer`. Values in microseconds.
    public var histograms: [String: HistogramSnapshot]
    /// Per-second timeline.
    public var series: [SeriesPoint]
    /// The segmented test this run is one share of; nil for a run one process sent alone.
    public var group: RunGroupMembership?

    /// Creates a record.
    public init(id: Int64? = nil, version: String, scenario: String, step: String, targetURL: String,
                configJSON: String, host: HostFingerprint, perfkitVersion: String, startedAt: Date, endedAt: Date,
                status: RunStatus, counts: RunCounts, intendedRate: Double?, achievedRate: Double,
                statusCodes: [Int: Int], errors: [String: Int], histograms: [String: HistogramSnapshot],
                series: [SeriesPoint], group: RunGroupMembership? = nil) {
        self.id = id
        self.version = version
        self.scenario = scenario
        self.step = step
        self.targetURL = targetURL
        self.configJSON = configJSON
        self.host = host
        self.perfkitVersion = perfkitVersion
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.counts = counts
        self.intendedRate = intendedRate
        self.achievedRate = achievedRate
        self.statusCodes = statusCodes
        self.errors = errors
        self.histograms = histograms
        self.series = series
        self.group = group
    }
}

/// How a stored run ended.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    /// Ran to its end.
    case completed
    /// Stopped early (SIGINT/SIGTERM); holds what was measured until then.
    case interrupted
    /// Could not measure (e.g. target unreachable); kept for the record.
    case failed
}

/// Request counts of a run.
public struct RunCounts: Codable, Sendable, Equatable {
    /// Requests handed to the transport.
    public var sent: Int
    /// Requests that completed (response or transport failure).
    public var completed: Int
    /// Requests that got an HTTP response.
    public var responses: Int
    /// Transport failures plus 4xx/5xx responses.
    public var failures: Int
    /// Arrivals never sent.
    public var dropped: Int
    /// Requests abandoned in flight.
    public var unfinished: Int

    /// Creates counts.
    public init(sent: Int, completed: Int, responses: Int, failures: Int, dropped: Int, unfinished: Int) {
        self.sent = sent
        self.completed = completed
        self.responses = responses
        self.failures = failures
        self.dropped = dropped
        self.unfinished = unfinished
    }

    /// Failures over completed requests (0 when nothing completed).
    public var errorRate: Double { completed > 0 ? Double(failures) / Double(completed) : 0 }
}

/// One second of a stored run's timeline. Latencies in microseconds.
public struct SeriesPoint: Codable, Sendable, Equatable {
    /// Seconds since the run started (0, 1, …).
    public var second: Int
    /// Requests completed in this second.
    public var requests: Int
    /// Failures in this second.
    public var errors: Int
    /// Latency percentiles 50, 90, 95, 99 and 99.9 of this second.
    public var p50: UInt64, p90: UInt64, p95: UInt64, p99: UInt64, p999: UInt64
    /// Mean latency of this second.
    public var mean: Double
    /// Rate the schedule asked for in this second; nil for the closed model.
    public var intendedRate: Double?

    /// Creates a point.
    public init(second: Int, requests: Int, errors: Int, p50: UInt64, p90: UInt64, p95: UInt64, p99: UInt64,
                p999: UInt64, mean: Double, intendedRate: Double?) {
        self.second = second
        self.requests = requests
        self.errors = errors
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.p999 = p999
        self.mean = mean
        self.intendedRate = intendedRate
    }
}
