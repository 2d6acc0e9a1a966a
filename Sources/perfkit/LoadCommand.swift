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

    @OptionGroup var request: RequestOptions
    @OptionGroup var targets: TargetOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var pacing: OpenModelOptions
    @OptionGroup var storage: StoreOptions
    @OptionGroup var metricsListen: MetricsListenOptions

    @Option(help: "Rate reached at the end of the ramp, requests per second.")
    var maxRps: Double?

    @Option(name: [.customLong("ramp"), .customLong("ramp-duration")],
            help: "How long the climb takes, e.g. 300 or 5m.", transform: DurationArgument.parse)
    var ramp = DurationArgument(.seconds(60))

    @Option(help: "Rate at the start of the ramp.")
    var startRps: Double = 1

    @Option(help: "Time held at --max-rps after the ramp.", transform: DurationArgument.parse)
    var hold = DurationArgument(.zero)

    @Option(help: "A stage DURATION:RATE, the rate moving linearly to RATE over DURATION (repeatable; replaces --max-rps).",
            transform: LoadStage.parse)
    var stage: [LoadStage] = []

    func validate() throws {
        guard (maxRps == nil) != stage.isEmpty else {
            throw ValidationError(stage.isEmpty
                ? "--max-rps is required (e.g. --max-rps=200 --ramp=300), or give --stage steps"
                : "--max-rps and --stage cannot be used together")
        }
        if let maxRps { try requirePositive(maxRps, flag: "--max-rps") }
        guard startRps >= 0 else { throw ValidationError("--start-rps must be zero or more (got \(startRps))") }
        if stage.isEmpty { try requirePositive(ramp.duration, flag: "--ramp") }
    }

    func run() async throws {
        let schedule: ArrivalSchedule = if let maxRps {
            .ramp(from: startRps, to: maxRps, over: ramp.duration, hold: hold.duration)
        } else {
            .stages(startRate: startRps, stage.map { ($0.duration, $0.rate) })
        }
        try await RunDriver.runCommand("load", request: request, storage: storage, output: output, metricsListen: metricsListen,
                                       model: .open(schedule, maxInFlight: pacing.maxInFlight), targets: targets.targets())
    }
}

/// One `--stage DURATION:RATE` value.
struct LoadStage: Sendable {
    let duration: Duration
    let rate: Double

    static func parse(_ text: String) throws -> LoadStage {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let rate = Double(parts[1]), rate >= 0, rate.isFinite else {
            throw ValidationError("'\(text)' is not a stage; write DURATION:RATE, e.g. 30s:100")
        }
        return LoadStage(duration: try DurationText.parse(parts[0]), rate: rate)
    }
}
