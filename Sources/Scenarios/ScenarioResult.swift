import Foundation
import LoadEngine

/// Everything a scenario run measured: each step on its own, every request together, and
/// whole iterations, with every check's tally and the thresholds' verdicts.
public struct ScenarioResult: Sendable {
    /// The scenario that was run (after command-line overrides).
    public var scenario: Scenario
    /// The client the requests went through: `native` (perfkit's own HTTP/1.1 client) or `curl`.
    public var transport: TransportKind
    /// How the run ended.
    public var outcome: RunOutcome
    /// Each step's requests, in flow order.
    public var steps: [StepResult]
    /// Every request of the run together: what the thresholds judge.
    public var requests: Measurements
    /// Whole iterations: latency is an iteration's duration from its intended start, a failure
    /// an iteration that a failed check, capture or request ended.
    public var iterations: Measurements
    /// Every check and capture, step by step.
    public var checks: [CheckResult]

    /// The thresholds, judged: the scenario's targets on all requests, then the share of
    /// checks that passed.
    public var thresholdChecks: [TargetCheck] {
        let passes = checks.reduce(0) { $0 + $1.passes }
        let total = passes + checks.reduce(0) { $0 + $1.failures }
        let share = total > 0 ? Double(passes) / Double(total) : 1
        let required = scenario.thresholds.checksPassing
        let checksTarget = TargetCheck(
            name: "checks", comparison: .atLeast, limit: required, measured: share, unit: .ratio,
            tally: TargetCheck.Tally(passed: passes, total: total), passed: share >= required)
        return scenario.thresholds.targets.map { $0.evaluate(requests) } + [checksTarget]
    }

    /// Whether the run completed and met every threshold.
    public var passed: Bool { outcome == .completed && thresholdChecks.allSatisfy(\.passed) }
}

/// One step's requests.
public struct StepResult: Sendable {
    /// The step's name.
    public var name: String
    /// Its method.
    public var method: String
    /// Its path as written, placeholders included.
    public var path: String
    /// What its requests measured.
    public var measurements: Measurements
}

/// How one check (or capture) of one step fared over the run.
public struct CheckResult: Sendable, Codable, Equatable {
    /// The step it belongs to.
    public var step: String
    /// What it checks: `status 201`, `$.status matches ^filled$`, `capture order_id`.
    public var label: String
    /// Where the file says it: `scenarios/trading-flow.yaml:47:15`.
    public var location: String
    /// Responses that passed it.
    public var passes: Int
    /// Responses that failed it.
    public var failures: Int
    /// The first failure's message, for the summary.
    public var firstFailure: String?
}
