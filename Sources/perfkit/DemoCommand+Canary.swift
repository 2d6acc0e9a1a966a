import Baselines
import Canary
import DemoTarget
import LoadEngine
import Recording
import Reports
import Units

/// `perfkit demo`'s canary step: the stable version and a canary 30% slower, served side by
/// side, judged by the canary judge, which is meant to roll the canary back at the end of its
/// first interval.
extension DemoCommand {
    private static let canaryInterval = Duration.seconds(2)
    private static let canaryDuration = Duration.seconds(6)

    func canaryStep(store: any RunStore) async throws -> PerfkitExitCode {
        print("== canary: v1.2.2 at 5ms beside v1.2.3 with a 30% slowdown injected (6.5ms), judged every "
            + "\(DurationText.format(Self.canaryInterval)) for up to \(DurationText.format(Self.canaryDuration))")
        var outcome: RunDriver<CanaryRecipe>.Outcome?
        try await withDemoTarget(DemoTargetConfiguration(port: 0, version: "v1.2.2", latency: Self.baseLatency,
                                                         jitter: .milliseconds(1))) { baseline in
            try await withDemoTarget(DemoTargetConfiguration(port: 0, version: "v1.2.3", latency: Self.slowedLatency,
                                                             jitter: .milliseconds(1))) { canary in
                outcome = try await judge(baseline: baseline, canary: canary, store: store)
            }
        }
        guard let outcome else { return .couldNotRun }
        print("")
        switch outcome.exitCode {
        case .targetMissed:
            print("The canary judge rolled the slower canary back, as it should.\n")
            return .passed
        case .passed:
            print("The canary judge promoted a canary 30% slower: that is not what was meant to happen.\n")
            return .targetMissed
        default:
            return outcome.exitCode
        }
    }

    private func judge(baseline: DemoServer, canary: DemoServer, store: any RunStore) async throws -> RunDriver<CanaryRecipe>.Outcome {
        let model = LoadModel.open(.constant(rate: 100, duration: Self.canaryDuration), maxInFlight: 10_000)
        let probe = { (server: DemoServer) in
            LoadPlan(request: RequestSpec(url: server.baseURL + "/api/signals"), transport: TransportOptions(connections: 16, threads: 1),
                     model: model)
        }
        let plan = CanaryPlan(metrics: try CanaryMetricList.parse(metrics: [], queries: [], tolerances: [], directions: [], probing: true),
                              criteria: .standard, duration: Self.canaryDuration, interval: Self.canaryInterval,
                              probes: .init(baseline: probe(baseline), canary: probe(canary)), groups: nil)
        print("$ perfkit canary --baseline \(plan.probes!.baseline.request.url) --canary \(plan.probes!.canary.request.url) "
            + "--duration \(DurationText.format(Self.canaryDuration)) --interval \(DurationText.format(Self.canaryInterval)) --rate 100")
        let run: CanaryRun
        do throws(LoadEngineError) {
            run = try CanaryRun(plan: plan, prometheus: nil)
        } catch {
            throw CommandFailure(code: .couldNotRun, engineError: error)
        }
        let recipe = CanaryRecipe(run: run, versions: ("v1.2.2", "v1.2.3")) { judgment, running in
            print(CanaryLines.text(judgment, runningScore: running, criteria: plan.criteria))
        }
        let storage = RunStorage(store: store, labels: RunLabels(version: "v1.2.3", scenario: "demo-canary"))
        return try await RunDriver(recipe: recipe, storage: storage, quiet: true) { outcome, _ in
            try StandardOutput.print(CanaryLines.text(outcome, plan: plan))
        }.run()
    }
}
