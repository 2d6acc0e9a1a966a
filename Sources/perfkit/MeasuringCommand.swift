import LoadEngine
import Reports
import Recording

/// The wiring every command that measures shares: the store and labels, `--metrics-listen`,
/// the driver with `--repeat`, the summary in the chosen format, and the exit code.
enum MeasuringCommand {
    /// Runs `recipe` as `command` against `target` (whose /healthz may name the version) and
    /// exits with the worst run's code.
    static func run<Recipe: RunRecipe>(
        _ recipe: Recipe, command: String, target: String, storage: StoreOptions, output: OutputOptions,
        metricsListen: MetricsListenOptions, render: @escaping @Sendable (Recipe.Summary, PerfkitExitCode) -> String
    ) async throws where Recipe.Summary: Encodable {
        // From here on Ctrl-C stops the command the graceful way, also while the store opens.
        _ = SignalTrap.shared
        let runStorage = try await storage.runStorage(command: command, target: target)
        let outcome = try await metricsListen.serving { liveMetrics in
            try await RunDriver(recipe: recipe, storage: runStorage, liveMetrics: liveMetrics, quiet: output.quiet,
                                present: output.presenter(render)).run(repetitions: storage.repeat)
        }
        try output.emit(outcome.summaries)
        try outcome.exitCode.exitIfFailed()
    }

    /// A single-request command (`latency`, `throughput`, `load`): the plan the flags describe,
    /// judged against `targets`.
    static func run(_ command: String, request: RequestOptions, storage: StoreOptions, output: OutputOptions,
                    metricsListen: MetricsListenOptions, model: LoadModel, targets: [RunTarget]) async throws {
        let plan = LoadPlan(request: try request.requestSpec(), transport: request.transport, model: model)
        try await run(LoadRecipe(command: command, plan: plan, targets: targets), command: command,
                      target: plan.request.url, storage: storage, output: output, metricsListen: metricsListen,
                      render: RunSummaryText.render)
    }
}
