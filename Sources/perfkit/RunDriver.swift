import Baselines
import Foundation
import LiveMetrics
import LoadEngine

/// Where a command's runs are stored, and under which labels.
struct RunStorage: Sendable {
    let store: BaselineStore
    let path: String
    let version: String
    let scenario: String

    /// Stores `result` of `command` with `status`; `extraConfig` joins the stored configuration
    /// (the monitor's thresholds, say). Says where it went on stderr, even with --quiet: it is
    /// where the measurement went, not progress. A failed write exits 4.
    func save(_ result: RunResult, command: String, status: RunStatus, extraConfig: [String: any Sendable] = [:]) async throws {
        let record = RunRecord(result, version: version, scenario: scenario, command: command, status: status,
                               extraConfig: extraConfig)
        do {
            let id = try await store.save(record)
            printError("stored run \(id) as version \(version), scenario \(scenario) in \(path)")
        } catch {
            throw CommandFailure(code: .couldNotRun, message: "the run was measured but could not be stored: \(error.description)")
        }
    }
}

/// Runs a plan for a command the way every load command does: progress while it runs,
/// Ctrl-C handling, the summary in the chosen format, `--output`, storing each run, `--repeat`,
/// and the exit code.
struct RunDriver {
    let command: String
    let settings: ReportSettings
    var storage: RunStorage? = nil
    /// Where each second goes for `--metrics-listen`.
    var liveMetrics: LiveRunMetrics? = nil

    /// What the runs amount to.
    struct Outcome {
        let summaries: [RunSummary]
        let exitCode: PerfkitExitCode
    }

    /// Everything a load command does after parsing: builds the plan, opens the store, runs
    /// (`--repeat` times), and exits with the worst outcome's code.
    static func runCommand(_ command: String, request: RequestOptions, storage: StoreOptions, output: OutputOptions,
                           metricsListen: MetricsListenOptions, model: LoadModel, targets: [RunTarget]) async throws {
        // From here on Ctrl-C stops the command the graceful way, also while the store opens.
        _ = SignalTrap.shared
        let plan = LoadPlan(request: try request.requestSpec(), transport: request.transport, model: model)
        let runStorage = try await storage.runStorage(command: command, target: plan.request.url)
        let outcome = try await metricsListen.serving { liveMetrics in
            let driver = RunDriver(command: command, settings: output.settings, storage: runStorage, liveMetrics: liveMetrics)
            return try await driver.run(plan, targets: targets, repetitions: storage.repeat)
        }
        try outcome.exitCode.exitIfFailed()
    }

    /// Runs `plan` `repetitions` times (stopping early when interrupted), prints and stores
    /// each run, and returns the worst exit code (130 after a stop signal at any point).
    func run(_ plan: LoadPlan, targets: [RunTarget], repetitions: Int = 1) async throws -> Outcome {
        do { _ = try LoadRun(plan: plan) } catch { throw CommandFailure(code: .badInput, message: error.description) }
        let (summaries, worst) = try await RepeatedRuns.run(repetitions, quiet: settings.quiet) {
            try await runOnce(plan, targets: targets)
        }
        try emitJSON(summaries)
        return Outcome(summaries: summaries, exitCode: worst)
    }

    private func runOnce(_ plan: LoadPlan, targets: [RunTarget]) async throws -> (RunSummary, PerfkitExitCode) {
        let run = try LoadRun(plan: plan)
        let result = try await ProgressReporter.supervise(
            planned: plan.model.sendingDuration, quiet: settings.quiet, feeding: liveMetrics,
            stop: { run.stop() },
            stopImmediately: { run.stopImmediately() }) { onInterval async throws(LoadEngineError) in
            try await run.execute(onInterval: onInterval)
        }
        let checks = targets.map { $0.evaluate(result.measurements) }
        var summary = RunSummary(command: command, result: result, checks: checks)
        let code = exitCode(for: result, summary: summary)
        if code == .couldNotRun { summary.passed = false }
        try await Self.printSummary(settings: settings, { SummaryText.render(summary, result: result, code: code) },
                                    thenStore: { try await store(result, code: code) })
        return (summary, code)
    }

    private func store(_ result: RunResult, code: PerfkitExitCode) async throws {
        guard let storage else { return }
        try await storage.save(result, command: command, status: code.storedStatus)
    }

    /// One JSON object for one run, an array for `--repeat`; on stdout with `--format json`
    /// and in the `--output` file.
    private func emitJSON(_ summaries: [RunSummary]) throws {
        try Self.emitJSON(settings: settings) {
            summaries.count == 1 ? try summaries[0].json() : try RunSummary.json(summaries)
        }
    }

    /// Prints the JSON `encode` makes with `--format json`, and writes it to `--output`.
    static func emitJSON(settings: ReportSettings, _ encode: () throws -> Data) throws {
        guard settings.format == .json || settings.outputPath != nil else { return }
        let json: Data
        do {
            json = try encode()
        } catch {
            throw CommandFailure(code: .couldNotRun, message: "cannot encode the summary: \(error)")
        }
        if settings.format == .json { try StandardOutput.print(String(decoding: json, as: UTF8.self)) }
        if let path = settings.outputPath { try OutputFile.write(json, to: path) }
    }

    private func exitCode(for result: RunResult, summary: RunSummary) -> PerfkitExitCode {
        if result.outcome == .interrupted { return .interrupted }
        if Self.reportsUnreachableTarget(result.measurements) { return .couldNotRun }
        return summary.passed ? .passed : .targetMissed
    }
}

extension RunDriver {
    /// Prints the text summary `render` makes (when the settings ask for one), then runs
    /// `store`. A summary that cannot be written still leaves the run stored; then the command
    /// fails with exit 4.
    static func printSummary(settings: ReportSettings, _ render: () -> String,
                             thenStore store: () async throws -> Void) async throws {
        let printed = Result {
            if settings.format == .text, settings.printsSummary { try StandardOutput.print(render()) }
        }
        try await store()
        try printed.get()
    }

    /// Whether no request got a response because the target could not be reached at all
    /// (refused, or its name does not resolve) or this machine could not open connections
    /// (`local`); says so on stderr when it is.
    static func reportsUnreachableTarget(_ measured: Measurements) -> Bool {
        let unreachable = Set<ErrorKind>([.refused, .dns, .local])
        guard measured.responses == 0, measured.failures > 0, measured.errors.keys.allSatisfy(unreachable.contains) else {
            return false
        }
        let kinds = measured.errors.keys.map(\.rawValue).sorted().joined(separator: ", ")
        let local = measured.errors[.local] == nil ? "" : "; 'local': this machine ran out of open files or ports (see ulimit -n)"
        printError("target unreachable: no request got a response (\(kinds)\(local))")
        return true
    }
}

/// Writes a line to stderr.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("perfkit: \(Redaction.redactURLs(in: message))\n".utf8))
}
