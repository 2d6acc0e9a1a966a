import Foundation
import LoadEngine
import Scenarios

/// The machine-readable summary of a scenario run: the `--format json` document of
/// `perfkit run`. Documented in scenarios/README.md; add keys, never rename them.
struct ScenarioSummary: Codable, Sendable {
    /// One stream of requests (a step, all requests, whole iterations).
    struct Stream: Codable, Sendable {
        var name: String
        var method: String?
        var path: String?
        var requests: RunSummary.Requests
        var achievedRate: Double
        var statusCodes: [String: Int]
        var errors: [String: Int]
        var latencyMs: RunSummary.Timing
        var serviceTimeMs: RunSummary.Timing

        init(name: String, method: String? = nil, path: String? = nil, _ measured: Measurements) {
            self.name = name
            self.method = method
            self.path = path
            requests = RunSummary.Requests(measured)
            achievedRate = (measured.achievedRate * 100).rounded() / 100
            statusCodes = Dictionary(uniqueKeysWithValues: measured.statusCounts.map { (String($0.key), $0.value) })
            errors = Dictionary(uniqueKeysWithValues: measured.errors.map { ($0.key.rawValue, $0.value) })
            latencyMs = RunSummary.Timing(measured.percentiles(.latency))
            serviceTimeMs = RunSummary.Timing(measured.percentiles(.serviceTime))
        }
    }

    var perfkitVersion: String
    var scenario: String
    var file: String
    var target: String
    var load: String
    var status: RunOutcome
    var passed: Bool
    var startedAt: String
    var durationSeconds: Double
    var iterations: Stream
    var requests: Stream
    var steps: [Stream]
    var checks: [CheckResult]
    var thresholds: [TargetCheck]

    init(_ result: ScenarioResult) {
        perfkitVersion = PerfkitVersion.current
        scenario = result.scenario.name
        file = result.scenario.file
        target = result.scenario.redactedTarget
        load = ScenarioSummaryText.describe(result.scenario.load)
        status = result.outcome
        passed = result.passed
        startedAt = ISO8601DateFormatter().string(from: result.requests.startedAt)
        durationSeconds = (result.requests.elapsed.seconds * 1_000).rounded() / 1_000
        iterations = Stream(name: "iteration", result.iterations)
        requests = Stream(name: "all requests", result.requests)
        steps = result.steps.map { Stream(name: $0.name, method: $0.method, path: $0.path, $0.measurements) }
        checks = result.checks
        thresholds = result.thresholdChecks
    }
}
