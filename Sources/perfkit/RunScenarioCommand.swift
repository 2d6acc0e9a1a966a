import ArgumentParser
import Foundation
import LoadEngine
import Recording
import Reports
import Scenarios
import Units

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
    @OptionGroup var segments: SegmentOptions
    @OptionGroup var dryRun: DryRunOption

    func validate() throws {
        if let iterations { try requireCount(iterations, flag: "--iterations", in: 1...LoadLimits.iterations) }
        if let vus { try requireCount(vus, flag: "--vus", in: 1...LoadLimits.virtualUsers) }
        if let rate { try requirePositive(rate, flag: "--rate", atMost: LoadLimits.rate) }
        if let duration { try requirePositive(duration.duration, flag: "--duration", atMost: LoadLimits.duration) }
        // Refused before any target is contacted: the native exchange client speaks HTTP/1.1 only.
        if transportFlags.transport == .native, transportFlags.http2 {
            throw ValidationError(LoadEngineError.nativeTransportUnsupported(url: "", http2: true).flagMessage)
        }
    }

    func run() async throws {
        let whole = try loadScenario()
        let segment = try segments.resolve(repetitions: storage.repeat)
        let (scenario, shares) = try segment.split { ownership throws(SegmentSplitError) in try whole.segmented(by: ownership) }
        segment.reportRaised(shares)
        let model = if case .arrivals = whole.load { "open" } else { "closed" }
        let planned = try segment.planned(command: "run", target: whole.redactedTarget, model: model,
                                          load: LoadDescription.describe(whole.load), duration: whole.load.plannedDuration,
                                          shares: shares, storage: storage)
        try await MeasuringCommand.run(ScenarioRecipe(scenario: scenario, transport: transportFlags.options(url: scenario.target, flow: true)),
                                       command: scenario.name, target: scenario.target, planned: planned, segment: segment,
                                       dryRun: dryRun.enabled, storage: storage, output: output, metricsListen: metricsListen,
                                       render: ScenarioSummaryText.render)
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
