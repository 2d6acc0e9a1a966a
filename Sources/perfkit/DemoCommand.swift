import ArgumentParser
import DemoTarget
import Foundation
import LoadEngine

/// `perfkit demo`: the README's first command. Starts the demo target on a free loopback port
/// and runs the runbook's performance validation against it, shortened to seconds.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the demo target and run a short latency, throughput and ramp test against it.",
        discussion: """
            Example:
              perfkit demo
            Takes about 20 seconds. Exit code 0 when every run met its targets.
            """
    )

    @Flag(name: [.customShort("q"), .long], help: "No progress lines.")
    var quiet = false

    /// One run of the suite.
    private struct Step {
        let title: String
        let command: String
        let path: String
        let model: LoadModel
        let targets: [RunTarget]
    }

    func run() async throws {
        let server: DemoServer
        do {
            server = try await DemoServer.start(DemoTargetConfiguration(
                port: 0, version: "demo", latency: .milliseconds(1), jitter: .milliseconds(1)))
        } catch {
            throw CommandFailure(code: .couldNotRun, message: "cannot start the demo target: \(error)")
        }
        print("demo target listening on \(server.baseURL)\n")
        var worst = PerfkitExitCode.passed
        for step in Self.steps {
            print("== \(step.title)")
            let plan = LoadPlan(request: RequestSpec(url: server.baseURL + step.path),
                                transport: TransportOptions(connections: 16, threads: 1), model: step.model)
            let outcome: RunDriver.Outcome
            do {
                outcome = try await RunDriver(command: step.command, settings: ReportSettings(quiet: quiet))
                    .run(plan, targets: step.targets)
            } catch {
                try? await server.shutdown()
                throw error
            }
            print("")
            worst = Self.worse(worst, outcome.exitCode)
            if outcome.exitCode == .interrupted { break }
        }
        try await server.shutdown()
        print("demo: \(worst == .passed ? "every run met its targets" : "some runs missed their targets") (exit \(worst.rawValue))")
        try worst.exitIfFailed()
    }

    private static let steps: [Step] = [
        Step(title: "latency benchmark: 100 req/s for 5s, p95 under 50ms", command: "latency",
             path: "/api/signals", model: .open(.constant(rate: 100, duration: .seconds(5)), maxInFlight: 10_000),
             targets: [.latency(.p95, atMost: .milliseconds(50))]),
        Step(title: "throughput test: hold 300 req/s for 5s", command: "throughput",
             path: "/api/prices/EURUSD", model: .open(.constant(rate: 300, duration: .seconds(5)), maxInFlight: 10_000),
             targets: [.rate(300, tolerance: 0.01), .errorRate(atMost: 0.01)]),
        Step(title: "gradual load: 1 to 400 req/s over 8s, then 2s at 400", command: "load",
             path: "/healthz", model: .open(.ramp(from: 1, to: 400, over: .seconds(8), hold: .seconds(2)), maxInFlight: 10_000),
             targets: [.latency(.p99, atMost: .milliseconds(100)), .errorRate(atMost: 0.01)]),
    ]

    private static func worse(_ a: PerfkitExitCode, _ b: PerfkitExitCode) -> PerfkitExitCode {
        let severity: [PerfkitExitCode] = [.passed, .targetMissed, .couldNotRun, .interrupted]
        return (severity.firstIndex(of: a) ?? 0) >= (severity.firstIndex(of: b) ?? 0) ? a : b
    }
}
