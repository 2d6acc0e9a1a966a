import Baselines
import Foundation
import LoadEngine
import Units

/// The machine-readable summary of one run: the `--format json` document. Its keys are
/// stable and documented in the README ("JSON summary"); add keys, never rename them.
struct RunSummary: Codable, Sendable {
    /// Percentiles of one timing, milliseconds.
    struct Timing: Codable, Sendable, Equatable {
        var count: UInt64
        var min: Double, mean: Double, p50: Double, p90: Double, p95: Double, p99: Double, p999: Double, max: Double

        enum CodingKeys: String, CodingKey {
            case count, min, mean, p50, p90, p95, p99, p999 = "p99_9", max
        }

        init(_ summary: PercentileSummary) {
            count = summary.count
            min = Self.milliseconds(summary.min)
            mean = summary.mean.rounded() / 1_000
            p50 = Self.milliseconds(summary.p50)
            p90 = Self.milliseconds(summary.p90)
            p95 = Self.milliseconds(summary.p95)
            p99 = Self.milliseconds(summary.p99)
            p999 = Self.milliseconds(summary.p999)
            max = Self.milliseconds(summary.max)
        }

        private static func milliseconds(_ microseconds: UInt64) -> Double { Double(microseconds) / 1_000 }
    }

    /// Request counts.
    struct Requests: Codable, Sendable {
        var intended: Int?
        var sent: Int
        var completed: Int
        var responses: Int
        var failures: Int
        var dropped: Int
        var unfinished: Int
        var errorRate: Double

        init(_ measured: Measurements) {
            intended = measured.intendedRequests
            sent = measured.sent
            completed = measured.completed
            responses = measured.responses
            failures = measured.failures
            dropped = measured.dropped
            unfinished = measured.unfinished
            errorRate = measured.errorRate
        }
    }

    /// One second of the timeline.
    struct SeriesPoint: Codable, Sendable {
        var second: Int
        var requests: Int
        var errors: Int
        var p50Ms: Double, p95Ms: Double, p99Ms: Double
        var intendedRate: Double?
    }

    var perfkitVersion: String
    var command: String
    var target: String
    var method: String
    var status: RunOutcome
    var passed: Bool
    var model: String
    var startedAt: String
    var durationSeconds: Double
    var plannedDurationSeconds: Double
    var connections: Int
    var intendedRate: Double?
    var achievedRate: Double
    var requests: Requests
    var statusCodes: [String: Int]
    var errors: [String: Int]
    var latencyMs: Timing
    var serviceTimeMs: Timing
    var phasesMs: [String: Timing]
    var bytesReceived: Int64
    var targets: [TargetCheck]
    var series: [SeriesPoint]

    /// Summarises `result` of `command` checked against `checks`.
    init(command: String, result: RunResult, checks: [TargetCheck]) {
        perfkitVersion = PerfkitVersion.current
        self.command = command
        target = Redaction.redactURL(result.plan.request.url)
        method = result.plan.request.method
        status = result.outcome
        passed = result.outcome == .completed && checks.allSatisfy(\.passed)
        if case .open = result.plan.model { model = "open" } else { model = "closed" }
        startedAt = ISO8601DateFormatter().string(from: result.startedAt)
        durationSeconds = (result.elapsed.seconds * 1_000).rounded() / 1_000
        plannedDurationSeconds = result.plan.model.sendingDuration.seconds
        connections = result.plan.transport.connections
        intendedRate = result.intendedRate
        achievedRate = (result.achievedRate * 100).rounded() / 100
        requests = Requests(result.measurements)
        statusCodes = Dictionary(uniqueKeysWithValues: result.statusCounts.map { (String($0.key), $0.value) })
        errors = Dictionary(uniqueKeysWithValues: ErrorKind.allCases.map { ($0.rawValue, result.errors[$0] ?? 0) })
        latencyMs = Timing(result.percentiles(.latency))
        serviceTimeMs = Timing(result.percentiles(.serviceTime))
        phasesMs = Dictionary(uniqueKeysWithValues: LatencyMetric.phases.map { ($0.rawValue, Timing(result.percentiles($0))) })
        bytesReceived = result.bytesReceived
        targets = checks
        series = result.series.map {
            SeriesPoint(second: $0.second, requests: $0.requests, errors: $0.errors,
                        p50Ms: Double($0.p50) / 1_000, p95Ms: Double($0.p95) / 1_000, p99Ms: Double($0.p99) / 1_000,
                        intendedRate: $0.intendedRate)
        }
    }

    /// The summary as pretty JSON with sorted, snake_case keys.
    func json() throws -> Data { try Self.encoder.encode(self) }

    /// Several summaries (`--repeat`) as one JSON array.
    static func json(_ summaries: [RunSummary]) throws -> Data { try encoder.encode(summaries) }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }
}
