import ArgumentParser
import LoadEngine

/// `perfkit throughput`: hold a target rate and check it was achieved without errors, or with
/// `--max` find the ceiling in the closed model.
struct ThroughputCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "throughput",
        abstract: "Hold a request rate; pass if it was achieved (within 1%) with few errors.",
        discussion: """
            Examples:
              perfkit throughput http://127.0.0.1:8083/healthz --duration=300 --target-rps=100
              perfkit throughput http://127.0.0.1:8083/healthz --max --connections 64 --duration 10s
            With --max each connection sends its next request as soon as the previous one is
            answered (closed model) to find the ceiling; --target-rps then is the minimum.
            """
    )

    @OptionGroup var target: TargetURLArgument
    @OptionGroup var request: RequestOptions
    @OptionGroup var targets: TargetOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var pacing: OpenModelOptions
    @OptionGroup var storage: StoreOptions
    @OptionGroup var metricsListen: MetricsListenOptions
    @OptionGroup var segments: SegmentOptions
    @OptionGroup var dryRun: DryRunOption

    @Option(parsing: .unconditional, help: "How long to send, e.g. 300 (seconds), 30s or 5m.", transform: DurationArgument.parse)
    var duration = DurationArgument(.seconds(30))

    @Option(parsing: .unconditional, help: "Requests per second to hold (required unless --max).")
    var targetRps: Double?

    @Flag(help: "Closed model: as fast as the target answers, to find the ceiling.")
    var max = false

    @Option(help: "Allowed deviation of the achieved rate from --target-rps.", transform: ProportionArgument.parse)
    var rateTolerance = ProportionArgument(0.01)

    func validate() throws {
        try requirePositive(duration.duration, flag: "--duration", atMost: LoadLimits.duration)
        if let targetRps { try requirePositive(targetRps, flag: "--target-rps", atMost: LoadLimits.rate) }
        guard max || targetRps != nil else {
            throw ValidationError("--target-rps is required (e.g. --target-rps=100), or pass --max to find the ceiling")
        }
    }

    func run() async throws {
        let model: LoadModel
        var runTargets = targets.targets()
        if max {
            model = .closed(duration: duration.duration)
            if let targetRps { runTargets.insert(.rateAtLeast(targetRps), at: 0) }
        } else {
            let rate = targetRps ?? 0
            model = .open(.constant(rate: rate, duration: duration.duration), maxInFlight: pacing.maxInFlight)
            runTargets.insert(.rate(rate, tolerance: rateTolerance.value), at: 0)
        }
        try await MeasuringCommand.run("throughput", target: target, request: request, storage: storage, output: output, metricsListen: metricsListen,
                                       segments: segments, dryRun: dryRun.enabled, model: model, targets: runTargets)
    }
}
