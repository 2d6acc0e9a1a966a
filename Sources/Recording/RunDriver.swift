import LiveMetrics
import LoadEngine

/// Runs any `RunRecipe` the way every command that measures does: progress while it runs,
/// Ctrl-C handling, the summary shown, each run stored, `--repeat`, and the worst exit code.
public struct RunDriver<Recipe: RunRecipe>: Sendable {
    public var recipe: Recipe
    /// Where runs go; nil with `--no-store`.
    public var storage: RunStorage?
    /// Where each second goes for `--metrics-listen`.
    public var liveMetrics: LiveRunMetrics?
    /// No progress lines.
    public var quiet: Bool
    /// Shows one run's summary (the text summary, the monitor's last line). A summary that
    /// cannot be shown still leaves the run stored; then its error ends the command.
    public var present: @Sendable (Recipe.Summary, PerfkitExitCode) throws -> Void

    public init(recipe: Recipe, storage: RunStorage?, liveMetrics: LiveRunMetrics? = nil, quiet: Bool,
                present: @escaping @Sendable (Recipe.Summary, PerfkitExitCode) throws -> Void) {
        self.recipe = recipe
        self.storage = storage
        self.liveMetrics = liveMetrics
        self.quiet = quiet
        self.present = present
    }

    /// What the runs amount to.
    public struct Outcome {
        /// Each run's summary, in order.
        public let summaries: [Recipe.Summary]
        /// The worst run's exit code (130 after a stop signal at any point).
        public let exitCode: PerfkitExitCode
    }

    /// Runs the recipe `repetitions` times, stopping early when interrupted.
    public func run(repetitions: Int = 1) async throws -> Outcome {
        // From here on Ctrl-C stops the command the graceful way, also between runs.
        _ = SignalTrap.shared
        let (summaries, worst) = try await RepeatedRuns.run(repetitions, quiet: quiet) { try await runOnce() }
        return Outcome(summaries: summaries, exitCode: worst)
    }

    private func runOnce() async throws -> (Recipe.Summary, PerfkitExitCode) {
        let execution: Recipe.Execution
        do {
            execution = try recipe.makeRun()
        } catch {
            throw CommandFailure(code: .badInput, engineError: error)
        }
        let result = try await ProgressReporter.supervise(
            planned: recipe.plannedDuration, quiet: quiet, feeding: liveMetrics,
            stop: { execution.stop() },
            stopImmediately: { execution.stopImmediately() }) { onInterval async throws(LoadEngineError) in
            try await execution.execute(onInterval: onInterval)
        }
        let (summary, code) = recipe.judge(result)
        let shown = Result { try present(summary, code) }
        if let storage {
            let status = recipe.storedStatus(of: result, exitCode: code)
            try await storage.save(recipe.records(of: result, labels: storage.labels, status: status))
        }
        try shown.get()
        return (summary, code)
    }
}
