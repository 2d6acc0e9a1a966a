import LoadEngine
import Reports
import Recording
import Units

/// The wiring every command that measures shares: the segment and its start, `--dry-run`, the
/// store and labels, `--metrics-listen`, the driver with `--repeat`, the summary in the chosen
/// format, and the exit code.
enum MeasuringCommand {
    /// Runs `recipe` as `command` against `target` (whose /healthz may name the version) and
    /// exits with the worst run's code; with `dryRun`, prints `planned` instead and contacts
    /// nothing (no target, no store).
    static func run<Recipe: RunRecipe>(
        _ recipe: Recipe, command: String, target: String, planned: PlannedRun, segment: SegmentChoice, dryRun: Bool,
        storage: StoreOptions, output: OutputOptions, metricsListen: MetricsListenOptions,
        render: @escaping @Sendable (Recipe.Summary, PerfkitExitCode) -> String
    ) async throws where Recipe.Summary: Encodable {
        if dryRun { return try printPlan(planned, checking: recipe, storage: storage, output: output) }
        // From here on Ctrl-C stops the command the graceful way, also while the store opens.
        _ = SignalTrap.shared
        // The store is opened and the version asked before the wait, so that the start is not late by them.
        let runStorage = try await storage.runStorage(command: command, target: target)
        let lateBy = try await segment.startAt?.wait(quiet: output.quiet) ?? nil
        let labelled = runStorage.map { stored in
            var labels = stored.labels
            labels.group = segment.membership
            labels.segmentSettings = segment.settings(lateBySeconds: lateBy)
            return RunStorage(store: stored.store, labels: labels)
        }
        let outcome = try await metricsListen.serving { liveMetrics in
            try await RunDriver(recipe: recipe, storage: labelled, liveMetrics: liveMetrics, quiet: output.quiet,
                                present: output.presenter(render)).run(repetitions: storage.repeat)
        }
        try output.emit(outcome.summaries)
        try outcome.exitCode.exitIfFailed()
    }

    /// A single-request command (`latency`, `throughput`, `load`): this process's segment of the
    /// plan the flags describe, judged against `targets` (rate targets scaled to the segment).
    static func run(_ command: String, target: TargetURLArgument, request: RequestOptions, storage: StoreOptions, output: OutputOptions,
                    metricsListen: MetricsListenOptions, segments: SegmentOptions, dryRun: Bool, model: LoadModel,
                    targets: [RunTarget]) async throws {
        let segment = try segments.resolve(repetitions: storage.repeat)
        let url = try target.targetURL()
        let whole = LoadPlan(request: try request.requestSpec(url: url), transport: request.transport(url: url), model: model)
        let (plan, shares) = try segment.split { ownership throws(SegmentSplitError) in try whole.segmented(by: ownership) }
        segment.reportRaised(shares)
        let planned: PlannedRun
        switch model {
        case .open(let schedule, _):
            planned = try segment.planned(command: command, target: plan.request.url, model: "open",
                                      load: LoadDescription.describe(schedule), duration: schedule.duration,
                                      shares: shares, storage: storage)
        case .closed(let duration):
            planned = try segment.planned(command: command, target: plan.request.url, model: "closed",
                                      load: "each connection back to back for \(DurationText.format(duration))",
                                      duration: duration, shares: shares, storage: storage)
        }
        try await run(LoadRecipe(command: command, plan: plan, targets: targets.map { $0.forSegment(share: shares.rateShare) }),
                      command: command, target: plan.request.url, planned: planned, segment: segment, dryRun: dryRun,
                      storage: storage, output: output, metricsListen: metricsListen, render: RunSummaryText.render)
    }

    /// `--dry-run`: the checks a run makes before it contacts anything, then the plan on stdout.
    private static func printPlan<Recipe: RunRecipe>(_ planned: PlannedRun, checking recipe: Recipe, storage: StoreOptions,
                                                     output: OutputOptions) throws {
        try storage.checkLabels()
        do {
            _ = try recipe.makeRun()
        } catch {
            throw CommandFailure(code: .badInput, engineError: error)
        }
        var planned = planned
        planned.transport = recipe.plannedTransport
        switch output.format {
        case .text: try StandardOutput.print(planned.text)
        case .json:
            let encoder = RunSummary.encoder
            encoder.outputFormatting.insert(.withoutEscapingSlashes)
            try StandardOutput.print(String(decoding: try encoder.encode(planned), as: UTF8.self))
        }
    }
}
