import ArgumentParser
import Baselines
import Foundation
import LiveMetrics
import LoadEngine
import Scenarios

/// `perfkit run FILE` (alias `flow`): runs a scenario file.
struct RunScenarioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario file: a request mix or a multi-step flow with captures and checks.",
        discussion: """
            The format is documented in scenarios/README.md. Each step is stored as its own run
            (and a flow's whole iterations under the step 'iteration'), so compare works step by step.

            Examples (the runbook's trading-flow test, and its other performance steps):
              perfkit flow scenarios/trading-flow.yaml --iterations=100
              perfkit run scenarios/latency-benchmark.yaml --version v1.2.3
              perfkit run scenarios/gradual-ramp.yaml --target http://127.0.0.1:8083
            Exit codes: 0 passed, 1 a threshold or check failed, 2 bad file or flags,
            4 could not run (target unreachable, store error), 130 interrupted.
            """,
        aliases: ["flow"]
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(help: "Base URL instead of the file's target (default: $PERFKIT_TARGET, else the file's).")
    var target: String?

    @Option(parsing: .unconditional, help: "Run this many iterations (closed model) instead of the file's load.")
    var iterations: Int?

    @Option(parsing: .unconditional, help: "Virtual users running iterations at once.")
    var vus: Int?

    @Option(parsing: .unconditional, help: "Run for this long (virtual users back to back, or a constant rate's duration).", transform: DurationArgument.parse)
    var duration: DurationArgument?

    @Option(parsing: .unconditional, help: "Iterations per second, for a scenario paced at a constant rate.")
    var rate: Double?

    @OptionGroup var transportFlags: TransportFlags
    @OptionGroup var output: OutputOptions
    @OptionGroup var storage: StoreOptions
    @OptionGroup var metricsListen: MetricsListenOptions

    func validate() throws {
        if let iterations { try requireCount(iterations, flag: "--iterations", in: 1...LoadLimits.iterations) }
        if let vus { try requireCount(vus, flag: "--vus", in: 1...LoadLimits.virtualUsers) }
        if let rate { try requirePositive(rate, flag: "--rate", atMost: LoadLimits.rate) }
        if let duration { try requirePositive(duration.duration, flag: "--duration", atMost: LoadLimits.duration) }
    }

    func run() async throws {
        let scenario = try loadScenario()
        // From here on Ctrl-C stops the command the graceful way, also while the store opens.
        _ = SignalTrap.shared
        let runStorage = try await storage.runStorage(command: scenario.name, target: scenario.target)
        let code = try await metricsListen.serving { liveMetrics in
            let driver = ScenarioDriver(settings: output.settings, storage: runStorage, transport: transportFlags.options(),
                                        liveMetrics: liveMetrics)
            return try await driver.run(scenario, repetitions: storage.repeat)
        }
        try code.exitIfFailed()
    }

    /// The file, checked, with the command line's overrides; bad input exits 2 naming where.
    private func loadScenario() throws -> Scenario {
        do {
            let scenario = try ScenarioLoader.load(path: file)
            let environmentTarget = ProcessInfo.processInfo.environment["PERFKIT_TARGET"].flatMap { $0.isEmpty ? nil : $0 }
            let overrides = ScenarioOverrides(target: target ?? environmentTarget, iterations: iterations, virtualUsers: vus,
                                              duration: duration?.duration, rate: rate)
            return try overrides.apply(to: scenario)
        } catch let error as ScenarioError {
            throw CommandFailure(code: .badInput, message: error.description)
        } catch let error as ScenarioOverrides.OverrideError {
            throw CommandFailure(code: .badInput, message: error.description)
        }
    }
}

/// Runs a scenario the way every load command runs: progress, Ctrl-C, the summary, `--output`,
/// storing each step, `--repeat`, and the exit code.
struct ScenarioDriver {
    let settings: ReportSettings
    let storage: RunStorage?
    let transport: TransportOptions
    /// Where each second goes for `--metrics-listen`.
    var liveMetrics: LiveRunMetrics? = nil

    /// Runs `scenario` `repetitions` times (stopping early when interrupted); returns the
    /// worst exit code.
    func run(_ scenario: Scenario, repetitions: Int) async throws -> PerfkitExitCode {
        let (summaries, worst) = try await RepeatedRuns.run(repetitions, quiet: settings.quiet) {
            try await runOnce(scenario)
        }
        try RunDriver.emitJSON(settings: settings) {
            summaries.count == 1 ? try RunSummary.encoder.encode(summaries[0]) : try RunSummary.encoder.encode(summaries)
        }
        return worst
    }

    private func runOnce(_ scenario: Scenario) async throws -> (ScenarioSummary, PerfkitExitCode) {
        let run = ScenarioRun(scenario: scenario, transport: transport)
        let result = try await ProgressReporter.supervise(
            planned: scenario.load.plannedDuration, quiet: settings.quiet, feeding: liveMetrics,
            stop: { run.stop() },
            stopImmediately: { run.stopImmediately() }) { onInterval async throws(LoadEngineError) in
            try await run.execute(onInterval: onInterval)
        }
        let code: PerfkitExitCode = if result.outcome == .interrupted {
            .interrupted
        } else if RunDriver.reportsUnreachableTarget(result.requests) {
            .couldNotRun
        } else {
            result.passed ? .passed : .targetMissed
        }
        try await RunDriver.printSummary(settings: settings, { ScenarioSummaryText.render(result, code: code) },
                                         thenStore: { try await store(result, code: code) })
        var summary = ScenarioSummary(result)
        if code == .couldNotRun { summary.passed = false }
        return (summary, code)
    }

    /// Stores each step, and a flow's whole iterations as the step `iteration`, as runs of the
    /// scenario.
    private func store(_ result: ScenarioResult, code: PerfkitExitCode) async throws {
        guard let storage else { return }
        let status = code.storedStatus
        let scenario = result.scenario
        let secrets = scenario.environmentValues
        let config = Self.configJSON(scenario)
        var records = result.steps.map { step in
            RunRecord(step.measurements, version: storage.version, scenario: storage.scenario, step: step.name,
                      targetURL: Redaction.redactURL(scenario.target + step.path, environmentValues: secrets),
                      configJSON: config, status: status)
        }
        if case .flow = scenario.body {
            records.append(RunRecord(result.iterations, version: storage.version, scenario: storage.scenario,
                                     step: "iteration", targetURL: scenario.redactedTarget,
                                     configJSON: config, status: status))
        }
        var ids: [Int64] = []
        do {
            for record in records { ids.append(try await storage.store.save(record)) }
        } catch {
            throw CommandFailure(code: .couldNotRun, message: "the run was measured but could not be stored: \(error.description)")
        }
        let range = ids.count > 1 ? "runs \(ids.first!)-\(ids.last!)" : "run \(ids.first ?? 0)"
        printError("stored \(range) (\(records.count) steps) as version \(storage.version), scenario \(storage.scenario) in \(storage.path)")
    }

    /// What was asked for, as JSON, with values from the environment redacted.
    private static func configJSON(_ scenario: Scenario) -> String {
        let secrets = scenario.environmentValues
        let config: [String: Any] = [
            "command": "run",
            "file": scenario.file,
            "target": scenario.redactedTarget,
            "load": ScenarioSummaryText.describe(scenario.load),
            "timeout_seconds": scenario.timeout.seconds,
            "steps": scenario.steps.map { "\($0.method) \(Redaction.redactURL($0.path.source, environmentValues: secrets))" },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: config, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
