import Baselines
import Foundation
import LoadEngine
import Monitor
import Recording
import Regression
import Reports
import RunFixtures
import Testing
import Units

/// Every human and machine output of perfkit, rendered in-process from known input and compared
/// whole with its golden file: the CLI tests keep to exit codes and wiring.
@Suite struct GoldenOutputTests {
    @Test(arguments: [("run-summary-open", PerfkitExitCode.targetMissed), ("run-summary-closed", .targetMissed)])
    func runSummaryText(name: String, code: PerfkitExitCode) throws {
        let summary = try GoldenFile.input(RunSummary.self, name + ".json")
        try GoldenFile.check(RunSummaryText.render(summary, code: code), name + ".txt")
    }

    @Test func runSummaryJSONRoundTripsThroughItsDecoder() throws {
        let data = try Data(contentsOf: GoldenFile.folder.appendingPathComponent("inputs/run-summary-open.json"))
        let summary = try RunSummary.decoder.decode(RunSummary.self, from: data)
        #expect(summary.latencyMs.p999 > 0)
        #expect(summary.errors["http_4xx"] != nil)
        let again = try RunSummary.decoder.decode(RunSummary.self, from: try summary.json())
        #expect(try again.json() == summary.json())
    }

    @Test func scenarioSummaryText() throws {
        let summary = try GoldenFile.input(ScenarioSummary.self, "scenario-summary-flow.json")
        try GoldenFile.check(ScenarioSummaryText.render(summary, code: .passed), "scenario-summary-flow.txt")
    }

    @Test func resultLineReadsPassOnlyForExitZero() throws {
        var summary = try GoldenFile.input(RunSummary.self, "run-summary-closed.json")
        summary.targets = []
        let last = { (code: PerfkitExitCode) in RunSummaryText.render(summary, code: code).split(separator: "\n").last }
        #expect(last(.passed) == "result: PASS")
        #expect(last(.couldNotRun) == "result: FAIL (target unreachable)")
        #expect(last(.interrupted) == "result: FAIL")
    }

    @Test func comparisonReports() throws {
        let comparison = SampleComparison.make(hostWarning: "baseline and current ran on different machines")
        try GoldenFile.check(ComparisonReport.text(comparison, colour: false), "comparison.txt")
        try GoldenFile.check(ComparisonReport.markdown(comparison), "comparison.md")
        try GoldenFile.check(ComparisonReport.junit(comparison), "comparison.junit.xml")
        try GoldenFile.check(String(decoding: try ComparisonReport.json(comparison), as: UTF8.self), "comparison.json")
        try GoldenFile.check(ComparisonReport.regressionExplanation(comparison), "comparison-explanation.txt")
    }

    @Test func storeListing() throws {
        var run = RunBuilder(version: "v1.2.3", seconds: 5, requestsPerSecond: 50, errorRate: 0.02).build()
        run.id = 42
        run.configJSON = #"{"command":"latency","url":"http://127.0.0.1:8083/api/prices"}"#
        try GoldenFile.check(StoreListing.render(run), "store-run.txt")
        let versions = [
            StoredVersionSummary(version: "v1.2.2", scenario: "latency", runCount: 3,
                                 firstStartedAt: Date(timeIntervalSince1970: 1_764_400_000),
                                 lastStartedAt: Date(timeIntervalSince1970: 1_764_403_600),
                                 runsByStatus: [.completed: 3]),
            StoredVersionSummary(version: "v1.2.3\u{1B}[31m", scenario: "trading-flow", runCount: 2,
                                 firstStartedAt: Date(timeIntervalSince1970: 1_764_500_000),
                                 lastStartedAt: Date(timeIntervalSince1970: 1_764_500_060),
                                 runsByStatus: [.completed: 1, .interrupted: 1]),
        ]
        try GoldenFile.check(StoreListing.render(versions), "store-versions.txt")
    }

    /// A 4-segment test as `baselines show --group`, `perfkit check` and `baselines list` show it.
    @Test func runGroupOutputs() throws {
        let configuration = #"{"command":"latency","connections":4,"method":"GET","model":{"max_in_flight":1000,"#
            + #""segments":[{"duration_seconds":5,"end_rate":200,"start_rate":200}],"type":"open"},"threads":1,"#
            + #""url":"http://127.0.0.1:8083/api/prices"}"#
        func segments(_ indices: [Int], version: String, group: String) throws -> [RunRecord] {
            try indices.map { index in
                var run = RunBuilder(version: version, seconds: 5, requestsPerSecond: 50, seed: UInt64(index)).build()
                run.id = Int64(10 + index)
                run.configJSON = configuration
                run.group = RunGroupMembership(id: group, segment: try #require(ExecutionSegment(index: index, of: 4)))
                return run
            }
        }
        let group = MergedGroup(segments: try segments([1, 2, 3, 4], version: "v1.2.3", group: "checkout-7f3a"))
        try GoldenFile.check(StoreListing.render(group), "store-group.txt")
        let checks = [RunTarget.latency(.p95, atMost: .milliseconds(12)), .errorRate(atMost: 0.01)]
            .map { $0.evaluate(StoredMeasurement(group.run)) }
        try GoldenFile.check(RunSummaryText.render(RunSummary(group: group, checks: checks), code: .targetMissed),
                             "check-summary.txt")
        let stored = (try segments([1, 2, 3, 4], version: "v1.2.3", group: "checkout-7f3a")
            + segments([1, 2, 4], version: "v1.2.4", group: "checkout-9b1c")).compactMap(StoredSegment.init)
        let versions = [
            StoredVersionSummary(version: "v1.2.2", scenario: "latency", runCount: 3,
                                 firstStartedAt: Date(timeIntervalSince1970: 1_764_400_000),
                                 lastStartedAt: Date(timeIntervalSince1970: 1_764_403_600),
                                 runsByStatus: [.completed: 3]),
            StoredVersionSummary(version: "v1.2.3", scenario: "latency", runCount: 1,
                                 firstStartedAt: Date(timeIntervalSince1970: 1_700_000_001),
                                 lastStartedAt: Date(timeIntervalSince1970: 1_700_000_001), runsByStatus: [.completed: 1]),
            StoredVersionSummary(version: "v1.2.4", scenario: "latency", runCount: 1,
                                 firstStartedAt: Date(timeIntervalSince1970: 1_700_000_001),
                                 lastStartedAt: Date(timeIntervalSince1970: 1_700_000_001), runsByStatus: [.completed: 1]),
        ]
        try GoldenFile.check(StoreListing.render(versions, segments: stored), "store-versions-groups.txt")
    }

    @Test func monitorLines() throws {
        let thresholds = try MonitorThreshold.parse(["error_rate:0.05,latency_p95:250ms"])
        let filling = MonitorEvaluation(
            source: .probe, time: 3,
            readings: thresholds.map { ThresholdReading(threshold: $0, value: 0.01, state: .noData) },
            window: .init(seconds: 10, filled: 3, requests: 30))
        let breached = MonitorEvaluation(
            source: .probe, time: 12,
            readings: [ThresholdReading(threshold: thresholds[0], value: 0, state: .holding),
                       ThresholdReading(threshold: thresholds[1], value: 0.4, state: .failed(since: 10))],
            window: .init(seconds: 10, filled: 10, requests: 100))
        let plan = MonitorPlan(thresholds: thresholds, queries: [], windowSeconds: 10, sustain: .seconds(2),
                               duration: .seconds(60), probe: nil)
        let outcome = MonitorOutcome(verdict: .breached(breached.readings[1], at: 12), probe: nil, elapsed: 12.25)
        let lines = [MonitorLines.text(filling), MonitorLines.text(breached), MonitorLines.text(outcome, plan: plan),
                     MonitorLines.json(filling), MonitorLines.json(breached), MonitorLines.json(outcome)]
        try GoldenFile.check(lines.joined(separator: "\n"), "monitor-lines.txt")
    }
}
