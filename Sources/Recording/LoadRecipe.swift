import Baselines
import LoadEngine

/// A single-request run (`latency`, `throughput`, `load`, the demo's steps): the plan, judged
/// against its targets.
public struct LoadRecipe: RunRecipe {
    /// The command, as summaries and stored configurations name it.
    public let command: String
    public let plan: LoadPlan
    public let targets: [RunTarget]

    public init(command: String, plan: LoadPlan, targets: [RunTarget]) {
        self.command = command
        self.plan = plan
        self.targets = targets
    }

    public var plannedTransport: PlannedTransport? {
        PlannedTransport(options: plan.transport, client: plan.transport.resolvedKind(for: plan.request.url), url: plan.request.url)
    }

    public var plannedDuration: Duration? { plan.model.sendingDuration }

    public func makeRun() throws(LoadEngineError) -> LoadRun { try LoadRun(plan: plan) }

    public func judge(_ result: RunResult) -> (summary: RunSummary, exitCode: PerfkitExitCode) {
        let checks = targets.map { $0.evaluate(result.measurements) }
        var summary = RunSummary(command: command, result: result, checks: checks)
        let code = UnreachableTarget.exitCode(outcome: result.outcome, measured: result.measurements, passed: summary.passed)
        if code == .couldNotRun { summary.passed = false }
        return (summary, code)
    }

    public func records(of result: RunResult, labels: RunLabels, status: RunStatus) -> [RunRecord] {
        [RunRecord(result, labels: labels, configuration: RunConfiguration(command: command, plan: plan), status: status)]
    }
}
