import Baselines
import LoadEngine
import Recording

/// A canary as `RunDriver` drives it: one watch, judged by its verdict; each probe's requests
/// stored as a run of its own version (scenario `canary` unless `--scenario` says otherwise),
/// so that `compare` and `report` read the two sides like any two versions.
public struct CanaryRecipe: RunRecipe {
    /// The prepared canary (its probes checked, Prometheus reached).
    public let run: CanaryRun
    /// The versions the two sides are stored under.
    public let versions: (baseline: String, canary: String)
    /// Gets every interval's judgment and the running score as they are made.
    public let onJudgment: @Sendable (IntervalJudgment, Double?) -> Void

    /// Creates the recipe.
    public init(run: CanaryRun, versions: (baseline: String, canary: String),
                onJudgment: @escaping @Sendable (IntervalJudgment, Double?) -> Void) {
        self.run = run
        self.versions = versions
        self.onJudgment = onJudgment
    }

    /// The canary as a stoppable run that reports its judgments.
    public struct Watch: StoppableRun {
        let run: CanaryRun
        let onJudgment: @Sendable (IntervalJudgment, Double?) -> Void

        public func execute(onInterval: @escaping @Sendable (IntervalReport) -> Void) async throws(LoadEngineError) -> CanaryOutcome {
            try await run.execute(onJudgment: onJudgment, onInterval: onInterval)
        }

        public func stop() { run.stop() }
        public func stopImmediately() { run.stopImmediately() }
    }

    public var plannedDuration: Duration? { run.plan.duration }

    public func makeRun() -> Watch { Watch(run: run, onJudgment: onJudgment) }

    /// Promote exits 0; a rollback and a marginal end exit 1 (neither may take more traffic).
    public func judge(_ outcome: CanaryOutcome) -> (summary: CanaryOutcome, exitCode: PerfkitExitCode) {
        switch outcome.verdict {
        case .promote: (outcome, .passed)
        case .rollback, .marginal: (outcome, .targetMissed)
        case .interrupted: (outcome, .interrupted)
        }
    }

    /// The baseline's run is a measurement like any other; the canary's is stored `failed` when
    /// it was rolled back, so that `compare` leaves it out of later baselines.
    public func records(of outcome: CanaryOutcome, labels: RunLabels, status: RunStatus) -> [RunRecord] {
        guard let probes = run.plan.probes else { return [] }
        let rolledBack = if case .rollback = outcome.verdict { true } else { false }
        let canaryStatus: RunStatus = status == .completed && rolledBack ? .failed : status
        var records: [RunRecord] = []
        if let baseline = outcome.baseline {
            records.append(RunRecord(baseline, labels: RunLabels(version: versions.baseline, scenario: labels.scenario),
                                     configuration: configuration(probes.baseline, outcome, side: "baseline"), status: status))
        }
        if let canary = outcome.canary {
            records.append(RunRecord(canary, labels: RunLabels(version: versions.canary, scenario: labels.scenario),
                                     configuration: configuration(probes.canary, outcome, side: "canary"), status: canaryStatus))
        }
        return records
    }

    /// A side's stored configuration: its probe, and the whole judgment for the report page.
    private func configuration(_ probe: LoadPlan, _ outcome: CanaryOutcome, side: String) -> RunConfiguration {
        var configuration = RunConfiguration(command: "canary", plan: probe)
        configuration.canary = RunConfiguration.CanaryJudgment(outcome, plan: run.plan, versions: versions, side: side)
        return configuration
    }
}
