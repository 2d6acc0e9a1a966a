import ArgumentParser
import DemoTarget
import Foundation
import LoadEngine
import Recording

/// `perfkit serve`: the demo trading service, with injectable latency, errors and stalls.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the demo target: a small trading service with injectable latency, errors and stalls.",
        discussion: """
            Endpoints: GET /healthz, GET /api/prices/{symbol}, GET and POST /api/signals,
            GET /api/signals/{id}, POST /api/orders, GET and DELETE /api/orders/{id}.
            Placed orders are new until --fill-after has passed, then filled.
            Any request may add ?delay=10ms, ?status=503, ?close=mid or ?size=BYTES.
            GET /metrics answers in the Prometheus text format. With --control,
            PUT /control/error-rate (body 0.5 or 50%) changes the error rate while serving, and
            PUT /control/slowdown (body 1.5) multiplies the latency and jitter.
            Examples:
              perfkit serve --port 8083
              perfkit serve --port 8083 --fill-after 500ms
              perfkit serve --port 0 --latency 2ms --jitter 1ms --error-rate 0.01 --stall-every 5s --stall-for 1s
              perfkit serve --port 8083 --control   # then: curl -X PUT --data 5% http://127.0.0.1:8083/control/error-rate
            """
    )

    @OptionGroup var faults: DemoFaultOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Port to listen on; 0 picks a free one and prints it.")
    var port = 8083

    @Option(name: .customLong("version"), help: "Version label reported by /healthz.")
    var serviceVersion = "dev"

    @Option(parsing: .unconditional, help: "Event loop threads.")
    var threads = 1

    private static let defaultFillAfter = DurationArgument(DemoTargetConfiguration().fillAfter)

    @Option(help: "How long a placed order stays new before it fills (default \(defaultFillAfter)); 0 fills at once.",
            transform: DurationArgument.parse)
    var fillAfter = defaultFillAfter

    @Flag(help: "Accept PUT /control/error-rate (body 0.5 or 50%) and /control/slowdown (body 1.5) to change the injected error rate or slow the latency while serving.")
    var control = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535 (got \(port))") }
        try requireCount(threads, flag: "--threads", in: 1...LoadLimits.threads)
        try requireAtMost(fillAfter.duration, flag: "--fill-after", limit: LoadLimits.duration)
    }

    func run() async throws {
        var configuration = faults.configuration
        configuration.host = host
        configuration.port = port
        configuration.version = serviceVersion
        configuration.eventLoopThreads = threads
        configuration.fillAfter = fillAfter.duration
        configuration.acceptsControl = control
        let server: DemoServer
        do {
            server = try await DemoServer.start(configuration)
        } catch {
            throw CommandFailure(code: .couldNotRun, message: "cannot start the demo target: \(error)")
        }
        print("perfkit demo target \(serviceVersion) listening on \(server.baseURL)")
        fflush(nil)
        let (stopped, continuation) = AsyncStream<Void>.makeStream()
        let watch = SignalTrap.shared.watch(onFirst: { continuation.finish() }, onRepeat: { continuation.finish() })
        for await _ in stopped {}
        watch.cancel()
        try await server.shutdown()
        print("perfkit demo target stopped after \(server.requestsServed) responses")
    }
}

/// The demo target's injected faults as flags, shared by `serve` and `demo`.
struct DemoFaultOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Latency added to every response, e.g. 2ms.", transform: DurationArgument.parse)
    var latency = DurationArgument(.zero)

    @Option(parsing: .unconditional, help: "Extra random latency, uniform in 0...jitter.", transform: DurationArgument.parse)
    var jitter = DurationArgument(.zero)

    @Option(help: "Share of requests answered with 500, e.g. 0.01 or 1%.", transform: ProportionArgument.parse)
    var errorRate = ProportionArgument(0)

    @Option(help: "Stall all responses periodically, e.g. every 5s.", transform: DurationArgument.parse)
    var stallEvery: DurationArgument?

    @Option(help: "How long each stall lasts, e.g. 1s.", transform: DurationArgument.parse)
    var stallFor = DurationArgument(.zero)

    func validate() throws {
        try requireAtMost(latency.duration, flag: "--latency", limit: LoadLimits.timeout)
        try requireAtMost(jitter.duration, flag: "--jitter", limit: LoadLimits.timeout)
        if let stallEvery { try requireAtMost(stallEvery.duration, flag: "--stall-every", limit: LoadLimits.duration) }
        try requireAtMost(stallFor.duration, flag: "--stall-for", limit: LoadLimits.timeout)
        if stallEvery != nil, stallFor.duration == .zero {
            throw ValidationError("--stall-every needs --stall-for (e.g. --stall-every 5s --stall-for 1s)")
        }
        if let stallEvery, stallFor.duration >= stallEvery.duration {
            throw ValidationError("--stall-for must be shorter than --stall-every")
        }
    }

    var configuration: DemoTargetConfiguration {
        DemoTargetConfiguration(latency: latency.duration, jitter: jitter.duration, errorRate: errorRate.value,
                                stallEvery: stallEvery?.duration, stallFor: stallFor.duration)
    }
}
