import ArgumentParser
import LoadEngine
import Units

/// `perfkit load`: a rate that climbs to `--max-rps` over `--ramp`, or k6-style stages.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Ramp the request rate up to --max-rps over --ramp seconds (or follow --stage steps).",
        discussion: """
            Examples (the runbook's gradual load):
              perfkit load http://127.0.0.1:8083/api/prices/EURUSD --max-rps=200 --ramp=300
              perfkit load http://127.0.0.1:8083/api/prices/EURUSD --max-rps=200 --ramp-duration=300 --hold=60
              perfkit load http://127.0.0.1:8083/healthz --stage 30s:100 --stage 1m:100 --stage 30s:0
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

    @Option(parsing: .unconditional, help: "Rate reached at the end of the ramp, requests per second.")
    var maxRps: Double?

    @Option(name: [.customLong("ramp"), .customLong("ramp-duration")],
            parsing: .unconditional, help: "How long the climb takes, e.g. 300 or 5m.", transform: DurationArgument.parse)
    var ramp = DurationArgument(.seconds(60))

    @Option(parsing: .unconditional, help: "Rate at the start of the ramp.")
    var startRps: Double = 1

    @Option(parsing: .unconditional, help: "Time held at --max-rps after the ramp.", transform: DurationArgument.parse)
    var hold = DurationArgument(.zero)

    @Option(parsing: .unconditionalSingleValue, help: "A stage DURATION:RATE, the rate moving linearly to RATE over DURATION (repeatable; replaces --max-rps).",
            transform: LoadStage.parse)
    var stage: [LoadStage] = []

    func validate() throws {
        guard (maxRps == nil) != stage.isEmpty else {
            throw ValidationError(stage.isEmpty
                ? "--max-rps is required (e.g. --max-rps=200 --ramp=300), or give --stage steps"
                : "--max-rps and --stage cannot be used together")
        }
        if let maxRps { try requirePositive(maxRps, flag: "--max-rps", atMost: LoadLimits.rate) }
        try requireZeroOrMore(startRps, flag: "--start-rps", atMost: LoadLimits.rate)
        if stage.isEmpty {
            try requirePositive(ramp.duration, flag: "--ramp", atMost: LoadLimits.duration)
            try requireAtMost(hold.duration, flag: "--hold", limit: LoadLimits.duration)
        }
        for stage in stage {
            try requirePositive(stage.duration, flag: "--stage '\(stage.text)': the duration", atMost: LoadLimits.duration)
            try requireZeroOrMore(stage.rate, flag: "--stage '\(stage.text)': the rate", atMost: LoadLimits.rate)
        }
    }

    func run() async throws {
        let schedule: ArrivalSchedule = if let maxRps {
            .ramp(from: startRps, to: maxRps, over: ramp.duration, hold: hold.duration)
        } else {
            .stages(startRate: startRps, stage.map { ($0.duration, $0.rate) })
        }
        try await MeasuringCommand.run("load", target: target, request: request, storage: storage, output: output, metricsListen: metricsListen,
                                       segments: segments, dryRun: dryRun.enabled, model: .open(schedule, maxInFlight: pacing.maxInFlight),
                                       targets: targets.targets())
    }
}

/// One `--stage DURATION:RATE` value.
struct LoadStage: Sendable {
    let duration: Duration
    let rate: Double
    /// As typed, to quote in messages.
    let text: String

    static func parse(_ text: String) throws -> LoadStage {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let rate = Double(parts[1]), rate >= 0, rate.isFinite else {
            throw ValidationError("'\(text)' is not a stage; write DURATION:RATE, e.g. 30s:100")
        }
        return LoadStage(duration: try DurationText.parse(parts[0]), rate: rate, text: text)
    }
}
