import Baselines
import LoadEngine
import Scenarios

extension ScenarioRun: StoppableRun {}

/// A scenario file's run: each step stored as its own run, and a flow's whole iterations as
/// the step `iteration`, so compare works step by step.
public struct ScenarioRecipe: RunRecipe {
    public let scenario: Scenario
    public let transport: TransportOptions

    public init(scenario: Scenario, transport: TransportOptions) {
        self.scenario = scenario
        self.transport = transport
    }

    public var plannedDuration: Duration? { scenario.load.plannedDuration }

    public func makeRun() -> ScenarioRun { ScenarioRun(scenario: scenario, transport: transport) }

    public var plannedTransport: PlannedTransport? {
        let run = makeRun()
        return PlannedTransport(options: run.transportOptions, client: run.resolvedTransportKind, url: scenario.target)
    }

    public func judge(_ result: ScenarioResult) -> (summary: ScenarioSummary, exitCode: PerfkitExitCode) {
        var summary = ScenarioSummary(result)
        let code = UnreachableTarget.exitCode(outcome: result.outcome, measured: result.requests, passed: result.passed)
        if code == .couldNotRun { summary.passed = false }
        return (summary, code)
    }

    public func records(of result: ScenarioResult, labels: RunLabels, status: RunStatus) -> [RunRecord] {
        let secrets = scenario.environmentValues
        let configuration = RunConfiguration(scenario: scenario)
        var records = result.steps.map { step in
            RunRecord(step.measurements, labels: labels, step: step.name,
                      targetURL: Redaction.redactURL(scenario.target + step.path, environmentValues: secrets),
                      configuration: configuration, status: status)
        }
        if case .flow = scenario.body {
            records.append(RunRecord(result.iterations, labels: labels, step: "iteration", targetURL: scenario.redactedTarget,
                                     configuration: configuration, status: status))
        }
        return records
    }
}
