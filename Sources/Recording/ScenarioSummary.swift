import Baselines
import Foundation
import LoadEngine
import Scenarios
import Units

/// The machine-readable summary of a scenario run: the `--format json` document of
/// `perfkit run`. Documented in scenarios/README.md; add keys, never rename them.
public struct ScenarioSummary: Codable, Sendable {
    /// One stream of requests (a step, all requests, whole iterations).
    public struct Stream: Codable, Sendable {
        public var name: String
        public var method: String?
        public var path: String?
        public var requests: RunSummary.Requests
        /// Seconds from the stream's start to its end.
        public var durationSeconds: Double
        public var achievedRate: Double
        public var statusCodes: [String: Int]
        public var errors: [String: Int]
        public var latencyMs: RunSummary.Timing
        public var serviceTimeMs: RunSummary.Timing

        public init(name: String, method: String? = nil, path: String? = nil, _ measured: Measurements) {
            self.name = name
            self.method = method
            self.path = path
            requests = RunSummary.Requests(measured)
            durationSeconds = (measured.elapsed.seconds * 1_000).rounded() / 1_000
            achievedRate = (measured.achievedRate * 100).rounded() / 100
            statusCodes = Dictionary(uniqueKeysWithValues: measured.statusCounts.map { (String($0.key), $0.value) })
            errors = ErrorKind.countsByName(measured.errors)
            latencyMs = RunSummary.Timing(measured.percentiles(.latency))
            serviceTimeMs = RunSummary.Timing(measured.percentiles(.serviceTime))
        }
    }

    public var perfkitVersion: String
    public var scenario: String
    public var file: String
    public var target: String
    /// The HTTP client the requests went through: `native` or `curl` (absent in summaries
    /// written before it was reported).
    public var transport: String?
    public var load: String
    /// `flow` (steps in order, values carried from one to the next) or `mix` (weighted requests).
    public var kind: String
    public var status: RunOutcome
    public var passed: Bool
    public var startedAt: String
    public var durationSeconds: Double
    public var iterations: Stream
    public var requests: Stream
    public var steps: [Stream]
    public var checks: [CheckResult]
    public var thresholds: [TargetSummary]

    public init(_ result: ScenarioResult) {
        perfkitVersion = PerfkitVersion.current
        scenario = result.scenario.name
        file = result.scenario.file
        target = result.scenario.redactedTarget
        transport = result.transport.rawValue
        load = LoadDescription.describe(result.scenario.load)
        if case .flow = result.scenario.body { kind = "flow" } else { kind = "mix" }
        status = result.outcome
        passed = result.passed
        startedAt = Timestamp.string(from: result.requests.startedAt, precision: .seconds)
        durationSeconds = (result.requests.elapsed.seconds * 1_000).rounded() / 1_000
        iterations = Stream(name: "iteration", result.iterations)
        requests = Stream(name: "all requests", result.requests)
        steps = result.steps.map { Stream(name: $0.name, method: $0.method, path: $0.path, $0.measurements) }
        checks = result.checks
        thresholds = result.thresholdChecks.map(TargetSummary.init)
    }
}
