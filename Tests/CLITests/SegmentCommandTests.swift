import Baselines
import DemoTarget
import Foundation
import Glibc
import Testing
import TestSupport

/// Segmented tests through the built binary, the processes started as an Indexed Job's pods
/// would be: the segments' runs are stored under one group, together send the one-process
/// schedule exactly, start together, and bad input exits 2 before anything is contacted.
@Suite(.serialized, .timeLimit(.minutes(5)))
final class SegmentCommandTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfkit-segments-\(UUID().uuidString)")
    private var store: String { folder.appendingPathComponent("perfkit.sqlite").path }

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    private static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios")

    private static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions.insert(.withFractionalSeconds)
        return formatter.string(from: date)
    }

    private func storedRuns(group: String) async throws -> [RunRecord] {
        try await BaselineStore.open(path: store, access: .read).runs(group: group)
    }

    // The start bounds catch a --start-at that is ignored (a pod would start up to 5 s early, as
    // it was launched) or a late start that is not reported; a pod that a busy machine starts
    // late must say by how much (within half a second of when its run really started).
    @Test(.tags(.timing)) func fourPodsSendTheOneProcessScheduleExactlyAndStartTogether() async throws {
        let start = Date().addingTimeInterval(5)
        let (outcomes, served) = try await withDemoServer { server in
            let pods = try (0..<4).map { index in
                try PerfkitBinary.launch(
                    ["latency", server.baseURL + "/healthz", "--rate=200", "--duration=2s", "-q", "--store", store, "--version", "v1"],
                    environment: ["JOB_COMPLETION_INDEX": "\(index)", "PERFKIT_SEGMENTS": "4", "PERFKIT_GROUP": "nightly-1",
                                  "PERFKIT_START_AT": Self.iso8601(start)])
            }
            var outcomes: [ProcessOutcome] = []
            for pod in pods { outcomes.append(try await pod.wait(timeout: .seconds(60))) }
            return (outcomes, server.requestsServed)
        }
        for outcome in outcomes { #expect(outcome.exitCode == 0, "\(outcome.stderr)") }
        let runs = try await storedRuns(group: "nightly-1")
        #expect(runs.count == 4)
        #expect(Set(runs.compactMap { $0.group?.segment.description }) == ["0:1/4", "1/4:1/2", "1/2:3/4", "3/4:1"])
        // 200/s for 2 s is 400 arrivals: 100 each, every one sent once, the target saw exactly those.
        #expect(runs.map(\.counts.sent) == [100, 100, 100, 100])
        #expect(runs.map(\.counts.sent).reduce(0, +) == 400)
        #expect(served == 400)
        #expect(runs.allSatisfy { abs(($0.intendedRate ?? 0) - 50) < 1e-9 })
        for run in runs {
            let configuration = try #require(try JSONSerialization.jsonObject(with: Data(run.configJSON.utf8)) as? [String: Any])
            let segment = try #require(configuration["segment"] as? [String: Any])
            #expect(segment["start_at"] as? String == Self.iso8601(start))
            #expect(segment["group"] as? String == "nightly-1")
            let startedAfter = run.startedAt.timeIntervalSince(start)
            #expect(startedAfter > -0.05, "started \(-startedAfter) s before --start-at")
            let reportedLate = segment["late_by_seconds"] as? Double ?? 0
            #expect(abs(startedAfter - reportedLate) < 0.5, "started \(startedAfter) s after --start-at, reported \(reportedLate)")
        }
    }

    static let badInput: [(arguments: [String], environment: [String: String], names: String)] = [
        (["--segment", "1/4"], [:], "a segment needs --group or PERFKIT_GROUP"),
        (["--segment", "5/4", "--group", "g"], [:], "--segment: '5/4' has no such share"),
        (["--segment", "1/2:1/4", "--group", "g"], [:], "--segment: '1/2:1/4'"),
        (["--segment", "1/0", "--group", "g", "--dry-run"], [:], "--segment"),
        (["--segment", "1/4", "--group", "bad\u{1B}[31mid"], [:], "--group contains control characters"),
        (["--segment", "1/4"], ["PERFKIT_GROUP": String(repeating: "g", count: 200)], "PERFKIT_GROUP is 200 characters long"),
        ([], ["JOB_COMPLETION_INDEX": "4", "PERFKIT_SEGMENTS": "4", "PERFKIT_GROUP": "g"], "JOB_COMPLETION_INDEX '4' must be a 0-based index"),
        ([], ["JOB_COMPLETION_INDEX": "-1", "PERFKIT_SEGMENTS": "4", "PERFKIT_GROUP": "g"], "JOB_COMPLETION_INDEX '-1'"),
        ([], ["JOB_COMPLETION_INDEX": "0", "PERFKIT_SEGMENTS": "0", "PERFKIT_GROUP": "g"], "PERFKIT_SEGMENTS '0' must be a count"),
        ([], ["JOB_COMPLETION_INDEX": "0", "PERFKIT_SEGMENTS": "99999999", "PERFKIT_GROUP": "g"], "PERFKIT_SEGMENTS '99999999'"),
        (["--segment-from-env"], ["JOB_COMPLETION_INDEX": "0", "PERFKIT_GROUP": "g"], "PERFKIT_SEGMENTS is not set"),
        (["--segment", "1/4", "--segment-from-env", "--group", "g"], [:], "--segment and --segment-from-env"),
        ([], ["PERFKIT_SEGMENTS": "4", "PERFKIT_GROUP": "g"], "PERFKIT_SEGMENTS needs JOB_COMPLETION_INDEX"),
        (["--segment", "2/3:1", "--segment-sequence", "0,1/2,1", "--group", "g"], [:], "--segment-sequence: the segment 2/3:1"),
        (["--segment", "1/2", "--segment-sequence", "0,1/2", "--group", "g"], [:], "--segment-sequence: '0,1/2'"),
        (["--segment-sequence", "0,1/2,1"], [:], "--segment-sequence cuts the test into segments"),
        (["--segment", "1/4", "--group", "g", "--repeat", "2"], [:], "--repeat"),
        (["--start-at", "2099-01-01T00:00:00Z"], [:], "--start-at 2099-01-01T00:00:00Z is more than 24 h from now"),
        (["--start-at", "tomorrow", "--dry-run"], [:], "--start-at 'tomorrow' is not an ISO 8601 time"),
        ([], ["PERFKIT_START_AT": "2026-13-45T00:00:00Z"], "PERFKIT_START_AT"),
        // 1/s for 1 s is 1 arrival (number 0); the last of 4 segments owns numbers 3, 7, …: none.
        (["--segment", "4/4", "--group", "g", "--rate", "1"], [:], "--segment: the segment 3/4:1 owns none of the test's 1 arrivals"),
    ]

    @Test(arguments: badInput)
    func badSegmentInputExits2NamingTheFlagOrVariable(arguments: [String], environment: [String: String], names: String) async throws {
        // Port 9 (discard) is not listened on: a check that let the run go would fail differently.
        let outcome = try await PerfkitBinary.run(
            ["latency", "http://127.0.0.1:9/", "--duration=1s", "--store", store] + arguments, environment: environment)
        #expect(outcome.exitCode == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(names), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func dryRunPrintsTheSegmentsPlanAndContactsNothing() async throws {
        let (text, json, served) = try await withDemoServer { server in
            let arguments = ["latency", server.baseURL + "/healthz", "--rate=200", "--duration=2s", "--store", store,
                             "--segment", "2/4", "--group", "nightly-2", "--dry-run"]
            let text = try await PerfkitBinary.run(arguments)
            let json = try await PerfkitBinary.run(arguments + ["--format", "json"])
            return (text, json, server.requestsServed)
        }
        #expect(text.exitCode == 0, "\(text.stderr)")
        for line in ["dry run: arguments checked; nothing sent, nothing stored", "model: open", "segment: 2/4 (1/4:1/2 of 0,1/4,1/2,3/4,1)",
                     "group: nightly-2", "start: at once", "arrivals: 100 of 400", "connections: 16 of 64", "max in flight: 2500 of 10000",
                     "version: from the target's /healthz at run time", "store: \(store)"] {
            #expect(text.stdout.components(separatedBy: "\n").contains(line), "\(line) in \(text.stdout)")
        }
        #expect(json.exitCode == 0, "\(json.stderr)")
        let plan = try jsonObject(json.stdout)
        #expect(plan["dry_run"] as? Bool == true)
        #expect(plan["segment"] as? String == "1/4:1/2")
        #expect(((plan["shares"] as? [String: Any])?["arrivals"] as? [String: Any])?["segment"] as? Int == 100)
        // Nothing contacted: not even /healthz for the version, and no store created.
        #expect(served == 0)
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    /// Pods of one Indexed Job with a start time need no group: it is the Job's name (from the
    /// pod's hostname, with or without the random suffix) and the start, the same in every pod;
    /// and a store URL's password never shows in the plan.
    @Test func indexedJobPodsWithAStartTimeShareTheJobsNameAsTheirGroup() async throws {
        let start = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3_600))
        var groups: [String] = []
        for (index, hostname) in [(0, "perfkit-segments-0-x7k2p"), (3, "perfkit-segments-3")] {
            let outcome = try await PerfkitBinary.run(
                ["latency", "http://127.0.0.1:9/", "--rate=40", "--duration=2s", "--dry-run",
                 "--store", "postgres://perfkit:s3cret-pw@127.0.0.1:9/perfkit"],
                environment: ["JOB_COMPLETION_INDEX": String(index), "PERFKIT_SEGMENTS": "4", "PERFKIT_START_AT": start,
                              "HOSTNAME": hostname])
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            #expect(!outcome.stdout.contains("s3cret-pw") && !outcome.stderr.contains("s3cret-pw"))
            groups += outcome.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("group: ") }
        }
        let compact = start.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        #expect(groups == Array(repeating: "group: perfkit-segments-\(compact)", count: 2))
        let unnamed = try await PerfkitBinary.run(
            ["latency", "http://127.0.0.1:9/", "--rate=40", "--duration=2s", "--dry-run", "--no-store"],
            environment: ["JOB_COMPLETION_INDEX": "1", "PERFKIT_SEGMENTS": "4", "HOSTNAME": "perfkit-segments-1-x7k2p"])
        #expect(unnamed.exitCode == 2, "without a start time no group is derived: \(unnamed.stdout)")
    }

    @Test func aGroupWithoutASegmentIsAGroupOfOne() async throws {
        let outcome = try await PerfkitBinary.run(["throughput", "http://127.0.0.1:9/", "--target-rps", "100", "--dry-run", "--no-store"],
                                                  environment: ["PERFKIT_GROUP": "solo"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.components(separatedBy: "\n")
        #expect(lines.contains("segment: 0:1 (the whole test)"), "\(outcome.stdout)")
        #expect(lines.contains("group: solo"))
        #expect(lines.contains("arrivals: 3000 of 3000"))
    }

    @Test func twoPodsRunAScenariosIterationsOnceBetweenThem() async throws {
        let outcomes = try await withDemoServer { server in
            let pods = try (0..<2).map { index in
                try PerfkitBinary.launch(
                    ["run", Self.scenarios.appendingPathComponent("trading-flow.yaml").path, "--target", server.baseURL,
                     "--iterations", "9", "--vus", "2", "-q", "--store", store, "--version", "v1"],
                    environment: ["JOB_COMPLETION_INDEX": "\(index)", "PERFKIT_SEGMENTS": "2", "PERFKIT_GROUP": "flow-1"])
            }
            var outcomes: [ProcessOutcome] = []
            for pod in pods { outcomes.append(try await pod.wait(timeout: .seconds(60))) }
            return outcomes
        }
        for outcome in outcomes { #expect(outcome.exitCode == 0, "\(outcome.stderr)") }
        let iterations = try await storedRuns(group: "flow-1").filter { $0.step == "iteration" }
        // Iterations 0, 2, 4, 6, 8 and 1, 3, 5, 7: the one process's 9, once.
        #expect(iterations.map(\.counts.sent).sorted() == [4, 5])
        #expect(Set(iterations.compactMap { $0.group?.segment.description }) == ["0:1/2", "1/2:1"])
    }

    @Test func dryRunOfAScenarioSplitsItsIterationsAndVirtualUsers() async throws {
        let outcome = try await PerfkitBinary.run(
            ["run", Self.scenarios.appendingPathComponent("trading-flow.yaml").path, "--target", "http://127.0.0.1:9", "--iterations", "10", "--vus", "3",
             "--segment", "1/4", "--group", "g", "--dry-run", "--no-store"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.components(separatedBy: "\n")
        #expect(lines.contains("iterations: 3 of 10"), "\(outcome.stdout)")
        #expect(lines.contains("virtual users: 1 of 3 (raised from 0)"), "\(outcome.stdout)")
        #expect(lines.contains("store: none (--no-store)"))
        #expect(outcome.stderr.contains("its exact share of the 3 virtual users is 0; it takes 1"), "\(outcome.stderr)")
    }

    @Test func aStopWhileWaitingForTheStartExits130AndStoresNothing() async throws {
        let running = try PerfkitBinary.launch(
            ["latency", "http://127.0.0.1:9/", "--rate=10", "--duration=1s", "--store", store, "--version", "v1",
             "--segment", "1/2", "--group", "stopped", "--start-at", Self.iso8601(Date().addingTimeInterval(60))])
        let deadline = ContinuousClock.now + .seconds(20)
        while !running.stderrSoFar.contains("waiting until"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        running.signal(SIGTERM)
        let outcome = try await running.wait(timeout: .seconds(10))
        #expect(outcome.exitCode == 130, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("interrupted while waiting for --start-at; nothing sent, nothing stored"))
        #expect(try await storedRuns(group: "stopped").isEmpty)
    }

    @Test func aLateSegmentStartsAtOnceAndSaysSoInItsRun() async throws {
        let outcome = try await withDemoServer { server in
            try await PerfkitBinary.run(
                ["latency", server.baseURL + "/healthz", "--rate=20", "--duration=1s", "-q", "--store", store, "--version", "v1",
                 "--segment", "1/2", "--group", "late", "--start-at", Self.iso8601(Date().addingTimeInterval(-5))])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("s after --start-at"), "\(outcome.stderr)")
        let runs = try await storedRuns(group: "late")
        #expect(runs.count == 1)
        let configuration = try #require(try JSONSerialization.jsonObject(with: Data(runs[0].configJSON.utf8)) as? [String: Any])
        let segment = try #require(configuration["segment"] as? [String: Any])
        #expect((segment["late_by_seconds"] as? Double ?? 0) >= 5)
        #expect(segment["spec"] as? String == "1/2")
        #expect(segment["sequence"] as? String == "0,1/2,1")
        #expect(runs[0].counts.sent == 10)
    }
}
