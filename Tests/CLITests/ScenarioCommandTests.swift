import DemoTarget
import Foundation
import Testing
import TestSupport

/// `perfkit run` / `perfkit flow` through the built binary: the shipped trading flow, stored
/// step by step, and the exit codes of failing and bad scenarios.
@Suite(.serialized, .timeLimit(.minutes(3)))
final class ScenarioCommandTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfkit-scenarios-\(UUID().uuidString)")
    private var store: String { folder.appendingPathComponent("perfkit.sqlite").path }
    private static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ yaml: String) throws -> String {
        let path = folder.appendingPathComponent("scenario-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func tradingFlowRunbookSpellingPassesEveryCheckAndStoresEachStep() async throws {
        let outcome = try await withDemoServer { server in
            try await PerfkitBinary.run(["flow", Self.scenarios.appendingPathComponent("trading-flow.yaml").path,
                                         "--iterations=100", "--vus", "10", "--target", server.baseURL,
                                         "--store", store, "--version", "v1.2.3", "--format", "json", "-q"])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)\n\(outcome.stdout)")
        let json = try jsonObject(outcome.stdout)
        #expect(json["passed"] as? Bool == true)
        let checks = try #require(json["checks"] as? [[String: Any]])
        #expect(!checks.isEmpty)
        for check in checks {
            #expect(check["failures"] as? Int == 0, "\(check)")
            #expect(check["passes"] as? Int == 100, "\(check)")
        }
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.compactMap { $0["name"] as? String } == ["quote", "signal", "order", "status"])
        #expect(outcome.stderr.contains("(5 steps) as version v1.2.3, scenario trading-flow"))

        let list = try await PerfkitBinary.run(["baselines", "list", "--store", store])
        #expect(list.stdout.contains("trading-flow"), "\(list.stdout)")
        let exported = try await PerfkitBinary.run(["baselines", "export", "--version", "v1.2.3", "--store", store])
        let runs = try #require(try jsonObject(exported.stdout)["runs"] as? [[String: Any]])
        #expect(Set(runs.compactMap { $0["step"] as? String }) == ["quote", "signal", "order", "status", "iteration"])
    }

    @Test func flowGoesThroughTheNativeClientOnPlainHTTPAndThroughLibcurlWhenAsked() async throws {
        let flow = Self.scenarios.appendingPathComponent("trading-flow.yaml").path
        let (native, curl) = try await withDemoServer { server in
            let common = [flow, "--iterations=20", "--vus", "4", "--target", server.baseURL, "--no-store", "--format", "json", "-q"]
            return (try await PerfkitBinary.run(["run"] + common),
                    try await PerfkitBinary.run(["run"] + common + ["--transport", "curl"]))
        }
        for (outcome, client) in [(native, "native"), (curl, "curl")] {
            #expect(outcome.exitCode == 0, "\(outcome.stderr)\n\(outcome.stdout)")
            let json = try jsonObject(outcome.stdout)
            #expect(json["transport"] as? String == client)
            #expect(json["passed"] as? Bool == true)
            let checks = try #require(json["checks"] as? [[String: Any]])
            #expect(checks.allSatisfy { $0["failures"] as? Int == 0 && $0["passes"] as? Int == 20 }, "\(checks)")
        }
    }

    @Test func textSummaryListsStepsAndChecks() async throws {
        let path = try write("""
            target: http://127.0.0.1:1
            load: { iterations: 5 }
            flow:
              - name: health
                path: /healthz
                check: { status: 200 }
            """)
        let outcome = try await withDemoServer { server in
            try await PerfkitBinary.run(["run", path, "--target", server.baseURL, "--no-store", "-q"])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("health"))
        #expect(outcome.stdout.contains("(iteration)"))
        #expect(outcome.stdout.contains("PASS  health        status 200"))
        #expect(outcome.stdout.contains("result: PASS"))
    }

    @Test func failedCheckExitsOneWithItsFirstFailure() async throws {
        let path = try write("""
            target: http://127.0.0.1:1
            load: { iterations: 4, vus: 2 }
            flow:
              - name: quote
                path: /api/prices/EURUSD
                check:
                  json:
                    - path: $.symbol
                      equals: USDJPY
            """)
        let outcome = try await withDemoServer { server in
            try await PerfkitBinary.run(["run", path, "--target", server.baseURL, "--no-store", "-q"])
        }
        #expect(outcome.exitCode == 1)
        #expect(outcome.stdout.contains("FAIL  quote"))
        #expect(outcome.stdout.contains("first failure: $.symbol is \"EURUSD\", expected USDJPY (\(path):8:11)"),
                "\(outcome.stdout)")
    }

    @Test(arguments: [
        ("load: { iterations: 1 }\nflow:\n  - path: /a\n    chek: {}\n", ":5:5: unknown key 'chek'"),
        ("load: { iterations: lots }\nflow:\n  - path: /a\n", ":2:21: load.iterations must be a whole number"),
        ("load: { iterations: 1 }\nflow:\n  - path: /a\n    capture:\n      id: { group: 1 }\n", ":6:11: capture 'id'"),
        ("load: { iterations: 1 }\nflow:\n  - path: [/a\n", "YAML syntax error"),
    ])
    func badScenarioExitsTwoNamingFileLineAndColumn(body: String, expected: String) async throws {
        let path = try write("target: http://127.0.0.1:8083\n" + body)
        let outcome = try await PerfkitBinary.run(["run", path, "--no-store"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains(path + ":"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(expected), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1, "one message: \(outcome.stderr)")
    }

    @Test func missingFileAndMisfitFlagsExitTwo() async throws {
        let missing = try await PerfkitBinary.run(["run", folder.appendingPathComponent("nope.yaml").path, "--no-store"])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("nope.yaml:1:1: cannot read the scenario file"))
        let ramp = Self.scenarios.appendingPathComponent("gradual-ramp.yaml").path
        let misfit = try await PerfkitBinary.run(["run", ramp, "--vus", "3", "--no-store"])
        #expect(misfit.exitCode == 2)
        #expect(misfit.stderr.contains("--vus"))
    }

    @Test func unreachableTargetExitsFour() async throws {
        let path = try write("target: http://127.0.0.1:\(unusedLoopbackPort())\nload: { iterations: 3 }\nflow:\n  - path: /a\n")
        let outcome = try await PerfkitBinary.run(["run", path, "--no-store", "-q"])
        #expect(outcome.exitCode == 4, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("target unreachable"))
    }

    @Test func interruptedFlowExits130AndStoresWhatItMeasured() async throws {
        let path = try write("""
            target: http://127.0.0.1:1
            load: { vus: 2, duration: 60s }
            flow:
              - name: slow
                path: /healthz?delay=10ms
            """)
        let outcome = try await withDemoServer { server in
            try await PerfkitBinary.interruptOnceRunning(["run", path, "--target", server.baseURL, "--store", store,
                                                           "--version", "v1"])
        }
        #expect(outcome.exitCode == 130, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("[INTERRUPTED: partial results]"))
        #expect(outcome.stderr.contains("(2 steps) as version v1"))
        let exported = try await PerfkitBinary.run(["baselines", "export", "--version", "v1", "--store", store])
        let runs = try #require(try jsonObject(exported.stdout)["runs"] as? [[String: Any]])
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0["status"] as? String == "interrupted" })
    }

    @Test func compareMatchesVersionsStepByStep() async throws {
        let path = try write("""
            target: http://127.0.0.1:1
            load: { rate: 100, duration: 2s }
            flow:
              - name: quote
                path: /api/prices/EURUSD
              - name: health
                path: /healthz
            """)
        try await withDemoServer { server in
            for version in ["v1.2.2", "v1.2.3"] {
                let recorded = try await PerfkitBinary.run(["run", path, "--target", server.baseURL, "--store", store,
                                                            "--version", version, "-q"])
                #expect(recorded.exitCode == 0, "\(recorded.stderr)")
            }
        }
        let compared = try await PerfkitBinary.run(["compare", "--baseline-version=v1.2.2", "--current-version=v1.2.3",
                                                    "--threshold=500", "--format", "json", "--store", store])
        #expect(compared.exitCode == 0, "\(compared.stderr)\n\(compared.stdout)")
        let steps = Set(compared.stdout.split(separator: "\"").map(String.init))
        #expect(steps.isSuperset(of: ["quote", "health", "iteration"]), "\(compared.stdout.prefix(2000))")
    }
}
