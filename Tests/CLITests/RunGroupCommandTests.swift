import Baselines
import Foundation
import FoundationXML
import RunFixtures
import Testing
import TestSupport
import Units

/// Segmented tests through the built binary: a complete group is compared, checked, listed and
/// shown as one run; an incomplete one exits 3 naming the missing segment. The store is filled
/// by `baselines import` with synthetic runs (the merge itself is tested in BaselinesTests).
@Suite(.serialized, .timeLimit(.minutes(3)))
struct RunGroupCommandTests {
    private let folder: TemporaryFolder
    private var store: String { folder.path("perfkit.sqlite") }

    init() throws {
        folder = try TemporaryFolder()
    }

    private static let start = Date(timeIntervalSince1970: 1_764_500_000)

    /// The segments `indices` of a `count`-segment test of `version` under `group`, each sending
    /// 50 req/s for 10 s, started a few hundred milliseconds apart as pods do.
    private static func segments(_ indices: [Int], of count: Int, version: String, group: String) throws -> [RunRecord] {
        try indices.map { index in
            var run = RunBuilder(version: version, step: "GET /api/signals", seconds: 10, requestsPerSecond: 50,
                                 seed: UInt64(40 + index)).build()
            let offset = 0.13 * Double(index)
            (run.startedAt, run.endedAt) = (start.addingTimeInterval(offset), start.addingTimeInterval(10 + offset))
            run.group = RunGroupMembership(id: group, segment: try #require(ExecutionSegment(index: index, of: count)))
            return run
        }
    }

    /// v1: three runs by one process at 200 req/s; v2: one test as 4 segments (group job-v2);
    /// v3: a 4-segment test whose segment 3 never stored its run (group job-v3); job-split: a
    /// test whose segments 1-2 stored v4 and 3-4 v5.
    private func storeRuns() async throws {
        let single = RunBuilder(version: "v1", step: "GET /api/signals", seconds: 10, requestsPerSecond: 200).runs(3)
        let runs = single + (try Self.segments([1, 2, 3, 4], of: 4, version: "v2", group: "job-v2"))
            + (try Self.segments([1, 2, 4], of: 4, version: "v3", group: "job-v3"))
            + (try Self.segments([1, 2], of: 4, version: "v4", group: "job-split"))
            + (try Self.segments([3, 4], of: 4, version: "v5", group: "job-split"))
        let export = folder.url.appendingPathComponent("runs.json")
        try RunRecord.exportDocument(runs).write(to: export)
        let imported = try await PerfkitBinary.run(["baselines", "import", export.path, "--store", store])
        #expect(imported.exitCode == 0, "\(imported.stderr)")
    }

    private func perfkit(_ arguments: [String]) async throws -> ProcessOutcome {
        try await PerfkitBinary.run(arguments + ["--store", store])
    }

    private static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aFourSegmentGroupIsComparedAsOneRun() async throws {
        try await storeRuns()
        let compared = try await perfkit(["compare", "--baseline-version=v1", "--current-version=v2",
                                          "--threshold=50", "--format", "json"])
        #expect(compared.exitCode == 0, "\(compared.stdout)\(compared.stderr)")
        let rows = try #require(try Self.json(compared.stdout)["rows"] as? [[String: Any]])
        let p95 = try #require(rows.first { $0["metric"] as? String == "p95" })
        let samples = try #require(p95["samples"] as? [String: Any])
        #expect(samples["current_runs"] as? Int == 1, "four segments are one run")
        #expect(samples["baseline_runs"] as? Int == 3)
        let throughput = try #require(rows.first { $0["metric"] as? String == "throughput" })
        let current = try #require(throughput["current"] as? Double)
        #expect(abs(current - 200) < 6, "the segments' rates add up to the whole test's (\(current))")
        let notes = try #require(try Self.json(compared.stdout)["notes"] as? [String])
        #expect(notes.contains("v2: segmented test job-v2 (4 segments) read as one run each: histograms added exactly, "
                               + "per-second percentiles of the timeline approximate"), "\(notes)")
    }

    @Test func aGroupWithASegmentMissingIsMissingData() async throws {
        try await storeRuns()
        for command in [["compare"], ["report", "--output", folder.path("r.html")]] {
            let outcome = try await perfkit(command + ["--baseline-version=v1", "--current-version=v3"])
            #expect(outcome.exitCode == 3, "\(command): \(outcome.stderr)")
            #expect(outcome.stderr.contains("version 'v3' cannot be compared: group 'job-v3' (version v3, scenario latency) "
                                            + "is incomplete with 3 segments stored: segment 3/4 (1/2:3/4) is missing"),
                    "\(outcome.stderr)")
        }
    }

    @Test func checkJudgesTheWholeTest() async throws {
        try await storeRuns()
        let passed = try await perfkit(["check", "--group", "job-v2", "--target-p95=100ms", "--target-rps=200",
                                        "--rate-tolerance=5%"])
        #expect(passed.exitCode == 0, "\(passed.stdout)\(passed.stderr)")
        #expect(passed.stdout.hasPrefix("group 'job-v2': 4 segments as one run (0:1/4 run 4, 1/4:1/2 run 5, "
                                        + "1/2:3/4 run 6, 3/4:1 run 7)"), "\(passed.stdout)")
        #expect(passed.stdout.contains("PASS  p95"))
        #expect(passed.stdout.hasSuffix("result: PASS\n"))

        let missed = try await perfkit(["check", "--group", "job-v2", "--target-p95=1ms", "--format", "json"])
        #expect(missed.exitCode == 1, "\(missed.stderr)")
        let summary = try Self.json(missed.stdout)
        #expect(summary["passed"] as? Bool == false)
        let requests = try #require(summary["requests"] as? [String: Any])
        let segments = try Self.segments([1, 2, 3, 4], of: 4, version: "v2", group: "job-v2")
        #expect(requests["sent"] as? Int == segments.reduce(0) { $0 + $1.counts.sent })
        let latency = try #require(summary["latency_ms"] as? [String: Any])
        #expect(latency["count"] as? Int == segments.reduce(0) { $0 + Int($1.histograms["latency"]!.totalCount) })

        let incomplete = try await perfkit(["check", "--group", "job-v3", "--target-p95=100ms"])
        #expect(incomplete.exitCode == 3)
        #expect(incomplete.stderr.contains("segment 3/4 (1/2:3/4) is missing"), "\(incomplete.stderr)")
        let split = try await perfkit(["check", "--group", "job-split"])
        #expect(split.exitCode == 3)
        #expect(split.stderr.contains("Group 'job-split' has segments stored under v4 latency, v5 latency (version and "
                                      + "scenario): every segment of a test must store the same --version"), "\(split.stderr)")
        let unknown = try await perfkit(["check", "--group", "job-none"])
        #expect(unknown.exitCode == 3)
        #expect(unknown.stderr.contains("no runs stored under group 'job-none'"))
        let badRate = try await perfkit(["check", "--group", "job-v2", "--target-rps=-5"])
        #expect(badRate.exitCode == 2)
        #expect(badRate.stderr.contains("--target-rps"))
        let noGroup = try await perfkit(["check"])
        #expect(noGroup.exitCode == 2)
        #expect(noGroup.stderr.contains("--group"))
    }

    @Test func reportDrawsAGroupAsOneRun() async throws {
        try await storeRuns()
        let page = folder.url.appendingPathComponent("group.html")
        let written = try await perfkit(["report", "--group", "job-v2", "--output", page.path])
        #expect(written.exitCode == 0, "\(written.stderr)")
        let document = try XMLDocument(contentsOf: page)
        #expect(try document.nodes(forXPath: "//*[local-name()='h1']").first?.stringValue == "Run group job-v2 of v2")
        let incomplete = try await perfkit(["report", "--group", "job-v3", "--output", page.path])
        #expect(incomplete.exitCode == 3)
        #expect(incomplete.stderr.contains("segment 3/4 (1/2:3/4) is missing"))
        let both = try await perfkit(["report", "--group", "job-v2", "--run", "1"])
        #expect(both.exitCode == 2)
    }

    @Test func baselinesListAndShowSayWhatGroupsHold() async throws {
        try await storeRuns()
        let list = try await perfkit(["baselines", "list"])
        #expect(list.exitCode == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("version scenario runs groups"))
        #expect(lines.contains { $0.hasPrefix("v2") && $0.contains(" 1 ") && $0.contains("1 of 4 segments") }, "\(list.stdout)")
        #expect(lines.contains { $0.hasPrefix("v3") && $0.contains("1 incomplete") })
        #expect(lines.contains("incomplete: group 'job-v3' (version v3, scenario latency) is incomplete with 3 segments "
                               + "stored: segment 3/4 (1/2:3/4) is missing"), "\(list.stdout)")
        #expect(lines.last == "incomplete: group 'job-split' (version v5, scenario latency) is incomplete with 2 segments "
                + "stored: segments 1/4, 2/4 (0:1/2) are missing")

        let show = try await perfkit(["baselines", "show", "--group", "job-v2"])
        #expect(show.exitCode == 0, "\(show.stderr)")
        #expect(show.stdout.contains("group 'job-v2': 4 segments as one run"))
        #expect(show.stdout.contains("  1/2:3/4     run 6     completed, started +0.260 s"))
        #expect(show.stdout.contains("group 'job-v2'  version v2  scenario latency  step GET /api/signals  status completed"))
        let segment = try await perfkit(["baselines", "show", "6"])
        #expect(segment.stdout.contains("group     job-v2, segment 1/2:3/4"))
        let incomplete = try await perfkit(["baselines", "show", "--group", "job-v3"])
        #expect(incomplete.exitCode == 3)
        #expect(incomplete.stderr.contains("segment 3/4 (1/2:3/4) is missing"))
        let both = try await perfkit(["baselines", "show", "6", "--group", "job-v2"])
        #expect(both.exitCode == 2)
    }
}
