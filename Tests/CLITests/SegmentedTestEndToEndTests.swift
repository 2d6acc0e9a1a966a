import Foundation
import Testing
import TestSupport

/// A segmented test as a Kubernetes Indexed Job runs it, with the pods simulated by processes:
/// each perfkit gets only what a pod would (JOB_COMPLETION_INDEX, PERFKIT_SEGMENTS, the group,
/// the start and a PostgreSQL store URL), all write to one shared PostgreSQL store, and the
/// group is judged as one run by `check` and `compare`.
@Suite(.serialized,
       .enabled(if: PostgresServer.isInstalled, "PostgreSQL's server binaries are not installed (scripts/install-deps postgresql)"))
final class SegmentedTestEndToEndTests {
    private let server: PostgresServer
    private let store: String

    init() throws {
        server = try PostgresServer.shared()
        store = server.url(database: try server.createDatabase())
    }

    /// Starts `indexes` of `count` pods of `latency` at 200/s for 2 s against `target` into the
    /// shared store under `group`, and waits for them.
    private func runPods(_ indexes: [Int], of count: Int, group: String, version: String, target: String) async throws {
        let start = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3))
        let pods = try indexes.map { index in
            try PerfkitBinary.launch(["latency", target, "--rate=200", "--duration=2s", "-q", "--version", version],
                                     environment: ["JOB_COMPLETION_INDEX": "\(index)", "PERFKIT_SEGMENTS": "\(count)",
                                                   "PERFKIT_GROUP": group, "PERFKIT_START_AT": start, "PERFKIT_STORE": store])
        }
        for pod in pods {
            let outcome = try await pod.wait(timeout: .seconds(60))
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            #expect(!outcome.stderr.contains(PostgresServer.password))
        }
    }

    @Test func fourPodsIntoOnePostgresStoreAreJudgedAsOneRun() async throws {
        let served = try await withDemoServer { demo in
            try await runPods([0, 1, 2, 3], of: 4, group: "deploy-41", version: "v1.2.3", target: demo.baseURL + "/healthz")
            // The baseline: one process sending the same schedule alone.
            let alone = try await PerfkitBinary.run(["latency", demo.baseURL + "/healthz", "--rate=200", "--duration=2s", "-q",
                                                     "--version", "v1.2.2", "--store", store])
            #expect(alone.exitCode == 0, "\(alone.stderr)")
            return demo.requestsServed
        }
        #expect(served == 800, "400 from the four pods together, 400 from the process alone")

        let check = try await PerfkitBinary.run(["check", "--group", "deploy-41", "--store", store, "--format", "json",
                                                 "--target-p99", "2s", "--max-error-rate", "1%"])
        #expect(check.exitCode == 0, "\(check.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let requests = try #require(summary["requests"] as? [String: Any])
        #expect(requests["sent"] as? Int == 400)
        #expect(requests["completed"] as? Int == 400)
        #expect(((summary["latency_ms"] as? [String: Any])?["count"] as? Int) == 400, "the merged histogram holds every request")

        let failing = try await PerfkitBinary.run(["check", "--group", "deploy-41", "--store", store, "--target-p50", "1us"])
        #expect(failing.exitCode == 1, "a target the whole test misses fails it: \(failing.stdout)")

        let compare = try await PerfkitBinary.run(["compare", "--baseline-version", "v1.2.2", "--current-version", "v1.2.3",
                                                   "--store", store, "--format", "json"])
        #expect([0, 1].contains(compare.exitCode), "the group compares as one run: \(compare.stderr)")
        #expect(!compare.stderr.contains("incomplete"))
    }

    @Test func aGroupWithAPodMissingIsIncompleteForCheckAndCompare() async throws {
        try await withDemoServer { demo in
            try await runPods([0, 1, 3], of: 4, group: "deploy-42", version: "v2", target: demo.baseURL + "/healthz")
            let alone = try await PerfkitBinary.run(["latency", demo.baseURL + "/healthz", "--rate=100", "--duration=1s", "-q",
                                                     "--version", "v1", "--store", store])
            #expect(alone.exitCode == 0, "\(alone.stderr)")
        }
        let check = try await PerfkitBinary.run(["check", "--group", "deploy-42", "--store", store])
        #expect(check.exitCode == 3)
        #expect(check.stderr.contains("segment 3/4 (1/2:3/4) is missing"), "\(check.stderr)")
        let compare = try await PerfkitBinary.run(["compare", "--baseline-version", "v1", "--current-version", "v2",
                                                   "--store", store])
        #expect(compare.exitCode == 3)
        #expect(compare.stderr.contains("segment 3/4 (1/2:3/4) is missing"), "\(compare.stderr)")
    }
}
