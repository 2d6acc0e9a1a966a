import Baselines
import LoadEngine
import Monitor

/// A monitor watching a deployed service: one watch, judged by its verdict; its probe's
/// requests (when it probes) stored as one run whose configuration carries the thresholds.
public struct MonitorRecipe: RunRecipe {
    /// The prepared monitor (its probe checked, Prometheus reached).
    public let run: MonitorRun
    /// Gets every evaluation as it is made.
    public let onEvaluation: @Sendable (MonitorEvaluation) -> Void

    public init(run: MonitorRun, onEvaluation: @escaping @Sendable (MonitorEvaluation) -> Void) {
        self.run = run
        self.onEvaluation = onEvaluation
    }

    /// The monitor as a stoppable run that reports its evaluations.
    public struct Watch: StoppableRun {
        let run: MonitorRun
        let onEvaluation: @Sendable (MonitorEvaluation) -> Void

        public func execute(onInterval: @escaping @Sendable (IntervalReport) -> Void) async throws(LoadEngineError) -> MonitorOutcome {
            try await run.execute(onEvaluation: onEvaluation, onInterval: onInterval)
        }

        public func stop() { run.stop() }
        public func stopImmediately() { run.stopImmediately() }
    }

    public var plannedDuration: Duration? { run.plan.duration }

    public func makeRun() -> Watch { Watch(run: run, onEvaluation: onEvaluation) }

    public func judge(_ outcome: MonitorOutcome) -> (summary: MonitorOutcome, exitCode: PerfkitExitCode) {
        switch outcome.verdict {
        case .held: (outcome, .passed)
        case .breached: (outcome, .targetMissed)
        case .interrupted: (outcome, .interrupted)
        }
    }

    /// A breached run is stored as `failed`: the service failed while watched, so `compare`
    /// leaves the run out of its baselines, as it does runs that could not reach their target.
    public func storedStatus(of outcome: MonitorOutcome, exitCode: PerfkitExitCode) -> RunStatus {
        switch outcome.verdict {
        case .held: .completed
        case .breached: .failed
        case .interrupted: .interrupted
        }
    }

    public func records(of outcome: MonitorOutcome, labels: RunLabels, status: RunStatus) -> [RunRecord] {
        guard let probe = outcome.probe, let plan = run.plan.probe else { return [] }
        let configuration = RunConfiguration(command: "monitor", plan: plan, monitor: Self.settings(of: run.plan))
        return [RunRecord(probe, labels: labels, configuration: configuration, status: status)]
    }

    /// The monitor's settings, stored in the probe's run configuration.
    private static func settings(of plan: MonitorPlan) -> RunConfiguration.MonitorSettings {
        RunConfiguration.MonitorSettings(
            thresholds: plan.thresholds.map { "\($0.key):\($0.limitText)" }, windowSeconds: plan.windowSeconds,
            forSeconds: plan.sustain.seconds,
            queries: Dictionary(uniqueKeysWithValues: plan.queries.map { ($0.name, $0.expression) }))
    }
}
