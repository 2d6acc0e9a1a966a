import ArgumentParser
import Baselines
import DemoTarget
import Foundation
import LoadEngine
import Recording
import Regression
import Reports
import Scenarios

/// `perfkit demo`: the README's first command. Starts the demo target on a free loopback port,
/// runs the runbook's performance validation against it shortened to seconds, then shows the
/// regression gate catching a slowdown between two versions.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a short latency, throughput, ramp and trading-flow test, a regression gate and a canary against the demo target.",
        discussion: """
            Example:
              perfkit demo
            Takes about 40 seconds and stores its runs in baselines/demo.sqlite (made anew each
            time). The gate is meant to fail and the canary to be rolled back (v1.2.3 is 30%
            slower); the demo exits 0 when every step behaved as intended.
            """
    )

    @Flag(name: [.customShort("q"), .long], help: "No progress lines.")
    var quiet = false

    @Option(help: "Where the demo's runs are stored.")
    var store = "baselines/demo.sqlite"

    /// One run of the suite.
    private struct Step {
        let title: String
        let command: String
        let path: String
        let model: LoadModel
        let targets: [RunTarget]
    }

    func run() async throws {
        try? FileManager.default.removeItem(atPath: store)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        let baselines = try await StoreLocation(flag: store).open(.create)
        var worst = try await validationSuite(store: baselines)
        if worst != .interrupted { worst = worst.worse(try await regressionGate(store: baselines)) }
        if worst != .interrupted { worst = worst.worse(try await canaryStep(store: baselines)) }
        print("demo: \(worst == .passed ? "every step behaved as intended" : "some steps did not behave as intended") (exit \(worst.rawValue))")
        try worst.exitIfFailed()
    }

    // MARK: The runbook's validation steps

    private func validationSuite(store: any RunStore) async throws -> PerfkitExitCode {
        var worst = PerfkitExitCode.passed
        try await withDemoTarget(DemoTargetConfiguration(port: 0, version: "demo", latency: .milliseconds(1),
                                                         jitter: .milliseconds(1))) { server in
            print("demo target listening on \(server.baseURL)\n")
            for step in Self.steps {
                print("== \(step.title)")
                let code = try await measure(step.path, on: server, model: step.model, targets: step.targets,
                                             command: step.command, store: store, scenario: "demo-\(step.command)")
                worst = worst.worse(code)
                if code == .interrupted { return }
            }
            worst = worst.worse(try await tradingFlow(on: server, store: store))
        }
        return worst
    }

    /// The runbook's trading-flow test: the shipped scenario, 100 iterations by 10 virtual users.
    private func tradingFlow(on server: DemoServer, store: any RunStore) async throws -> PerfkitExitCode {
        print("== trading flow: scenarios/trading-flow.yaml, 100 iterations, 10 virtual users")
        let scenario: Scenario
        do {
            scenario = try ScenarioOverrides(target: server.baseURL, iterations: 100, virtualUsers: 10)
                .apply(to: try ScenarioLoader.load(path: try Self.tradingFlowFile()))
        } catch let error as ScenarioError {
            throw CommandFailure(code: .badInput, message: error.description)
        }
        let storage = RunStorage(store: store, labels: RunLabels(version: "demo", scenario: "demo-trading-flow"))
        let driver = RunDriver(recipe: ScenarioRecipe(scenario: scenario, transport: TransportOptions(threads: 1)),
                               storage: storage, quiet: quiet) { summary, code in
            try StandardOutput.print(ScenarioSummaryText.render(summary, code: code))
        }
        let code = try await driver.run().exitCode
        print("")
        return code
    }

    /// The shipped scenario: under the current folder (a checkout), else beside the binary's
    /// build folder (`.build/release/perfkit` in a checkout).
    private static func tradingFlowFile() throws -> String {
        let relative = "scenarios/trading-flow.yaml"
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidates = [relative, binary.deletingLastPathComponent().appendingPathComponent("../../../" + relative).standardized.path]
        guard let found = candidates.first(where: FileManager.default.fileExists(atPath:)) else {
            throw CommandFailure(code: .couldNotRun, message: "cannot find \(relative): run perfkit demo from the perfkit checkout")
        }
        return found
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

    // MARK: The regression gate

    private static let gateRuns = 3
    static let baseLatency = Duration.milliseconds(5)
    static let slowedLatency = Duration.microseconds(6_500)

    private func regressionGate(store: any RunStore) async throws -> PerfkitExitCode {
        print("== regression gate: v1.2.2 at 5ms, then v1.2.3 with a 30% slowdown injected (6.5ms), \(Self.gateRuns) runs each")
        for (version, latency) in [("v1.2.2", Self.baseLatency), ("v1.2.3", Self.slowedLatency)] {
            let configuration = DemoTargetConfiguration(port: 0, version: version, latency: latency, jitter: .milliseconds(1))
            try await withDemoTarget(configuration) { server in
                for run in 1...Self.gateRuns {
                    print("-- \(version) run \(run) of \(Self.gateRuns)")
                    let code = try await measure("/api/signals", on: server,
                                                 model: .open(.constant(rate: 200, duration: .seconds(2)), maxInFlight: 10_000),
                                                 targets: [], command: "latency", store: store, scenario: "demo-gate",
                                                 version: version, summary: false)
                    if code == .interrupted { throw ExitCode(PerfkitExitCode.interrupted.rawValue) }
                }
            }
        }
        let baseline = try await store.runs(version: "v1.2.2", scenario: "demo-gate")
        let current = try await store.runs(version: "v1.2.3", scenario: "demo-gate")
        let comparison = compare(baseline: baseline, current: current, thresholds: try Thresholds.parse(["10"]))
        print("\n$ perfkit compare --baseline-version=v1.2.2 --current-version=v1.2.3 --threshold=10 --store \(self.store)")
        print(ComparisonReport.text(comparison, colour: isatty(STDOUT_FILENO) == 1))
        let reportPath = URL(fileURLWithPath: self.store).deletingLastPathComponent().appendingPathComponent("demo-report.html")
        let html = ComparisonReport.html(comparison, baseline: baseline, current: current, origin: HTMLReportOutput.origin())
        try OutputFile.write(Data(html.utf8), to: reportPath.path, flag: nil)
        print("HTML report (open it in a browser): \(reportPath.path)")
        guard comparison.hasRegression else {
            print("\nThe gate did not catch the injected slowdown: that is not what was meant to happen.")
            return .targetMissed
        }
        print("\n" + ComparisonReport.regressionExplanation(comparison))
        return .passed
    }

    // MARK: Running

    private func measure(_ path: String, on server: DemoServer, model: LoadModel, targets: [RunTarget], command: String,
                         store: any RunStore, scenario: String, version: String = "demo",
                         summary: Bool = true) async throws -> PerfkitExitCode {
        let plan = LoadPlan(request: RequestSpec(url: server.baseURL + path),
                            transport: TransportOptions(connections: 16, threads: 1), model: model)
        let storage = RunStorage(store: store, labels: RunLabels(version: version, scenario: scenario))
        // The gate's runs show only the comparison that follows them.
        let driver = RunDriver(recipe: LoadRecipe(command: command, plan: plan, targets: targets), storage: storage,
                               quiet: quiet) { runSummary, code in
            if summary { try StandardOutput.print(RunSummaryText.render(runSummary, code: code)) }
        }
        let outcome = try await driver.run()
        if summary { print("") }
        return outcome.exitCode
    }

    func withDemoTarget(_ configuration: DemoTargetConfiguration,
                                _ body: (DemoServer) async throws -> Void) async throws {
        do {
            try await DemoServer.withServer(configuration, body)
        } catch let error as DemoTargetError {
            throw CommandFailure(code: .couldNotRun, message: "cannot start the demo target: \(error)")
        }
    }
}
