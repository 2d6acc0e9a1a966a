import ArgumentParser
import LoadEngine

/// `perfkit latency`: a fixed request rate for a duration, judged on latency targets.
struct LatencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Send a fixed request rate for a duration; pass or fail on latency targets.",
        discussion: """
            Example (the runbook's latency benchmark):
              perfkit latency http://127.0.0.1:8083/api/signals --duration=300 --rate=50 --target-p95=500ms
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

    @Option(parsing: .unconditional, help: "Requests per second.")
    var rate: Double = 50

    func validate() throws {
        try requirePositive(rate, flag: "--rate", atMost: LoadLimits.rate)
        try requirePositive(duration.duration, flag: "--duration", atMost: LoadLimits.duration)
    }

    func run() async throws {
        try await MeasuringCommand.run(
            "latency", target: target, request: request, storage: storage, output: output, metricsListen: metricsListen,
            segments: segments, dryRun: dryRun.enabled,
            model: .open(.constant(rate: rate, duration: duration.duration), maxInFlight: pacing.maxInFlight),
            targets: targets.targets())
    }
}
