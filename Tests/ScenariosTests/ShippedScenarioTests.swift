import Foundation
import LoadEngine
import Scenarios
import Testing

/// The scenarios in `scenarios/` load and say what the runbook's steps say.
struct ShippedScenarioTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios")

    private func load(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: Self.folder.appendingPathComponent(name).path, environment: [:])
    }

    @Test func everyShippedScenarioLoadsAndTargetsTheDemoPort() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(Set(files) == ["latency-benchmark.yaml", "throughput.yaml", "gradual-ramp.yaml", "trading-flow.yaml"])
        for file in files {
            let scenario = try load(file)
            #expect(scenario.target == "http://127.0.0.1:8083", "\(file)")
        }
    }

    @Test func latencyBenchmarkIsFiftyPerSecondForFiveMinutesJudgedOnP95() throws {
        let scenario = try load("latency-benchmark.yaml")
        #expect(scenario.load == .arrivals(.constant(rate: 50, duration: .seconds(300)), maxInFlight: 1_000))
        #expect(scenario.thresholds.targets.contains(.latency(.p95, atMost: .milliseconds(500))))
    }

    @Test func throughputHoldsAHundredPerSecondWithinOnePercent() throws {
        let scenario = try load("throughput.yaml")
        #expect(scenario.load == .arrivals(.constant(rate: 100, duration: .seconds(300)), maxInFlight: 1_000))
        #expect(scenario.thresholds.targets.contains(.rate(100, tolerance: 0.01)))
    }

    @Test func gradualRampClimbsToTwoHundredOverFiveMinutes() throws {
        let scenario = try load("gradual-ramp.yaml")
        #expect(scenario.load == .arrivals(.ramp(from: 1, to: 200, over: .seconds(300), hold: .zero), maxInFlight: 1_000))
    }

    @Test func tradingFlowIsAHundredIterationsOfFourSteps() throws {
        let scenario = try load("trading-flow.yaml")
        #expect(scenario.load == .iterations(100, virtualUsers: 10))
        #expect(scenario.steps.map(\.name) == ["quote", "signal", "order", "status"])
        #expect(scenario.steps[2].captures.map(\.variable) == ["order_id", "order_url"])
    }

    @Test func environmentOverridesTheTargetAndIsRememberedForRedaction() throws {
        let scenario = try ScenarioLoader.load(path: Self.folder.appendingPathComponent("trading-flow.yaml").path,
                                               environment: ["PERFKIT_TARGET": "http://127.0.0.1:9999"])
        #expect(scenario.target == "http://127.0.0.1:9999")
        #expect(scenario.environmentValues == ["http://127.0.0.1:9999"])
    }
}
