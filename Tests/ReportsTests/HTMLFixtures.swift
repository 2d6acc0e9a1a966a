import Baselines
import Foundation
import Regression
import Reports
import RunFixtures

/// Runs and HTML reports made from them, for the HTML and browser tests: the reports only
/// draw what runs hold, so their tests need known runs, not a load test.
enum HTMLFixtures {
    static let origin = ReportOrigin(command: "perfkit report --baseline-version=v1.2.2 --current-version=v1.2.3",
                                     perfkitVersion: "test", generatedAt: Date(timeIntervalSince1970: 1_700_000_000))

    /// A builder for `version`'s runs of `scenario`, with every histogram the charts draw.
    static func builder(_ version: String, scenario: String = "latency", latency: Double = 10,
                        seconds: Int = 20) -> RunBuilder {
        RunBuilder(version: version, scenario: scenario, step: "GET /api/signals", latencyMilliseconds: latency,
                   seconds: seconds, requestsPerSecond: 100, recordsPhases: true)
    }

    /// `count` runs of `builder` with ids from `firstID`, as if read back from the store.
    static func runs(_ builder: RunBuilder, count: Int, firstID: Int64) -> [RunRecord] {
        builder.runs(count).enumerated().map { index, run in
            var stored = run
            stored.id = firstID + Int64(index)
            return stored
        }
    }

    /// The comparison report of `baseline` against `current`, with the comparison it shows.
    static func report(baseline: [RunRecord], current: [RunRecord],
                       origin: ReportOrigin = origin) -> (html: String, comparison: Comparison) {
        let comparison = compare(baseline: baseline, current: current, thresholds: Thresholds())
        return (ComparisonReport.html(comparison, baseline: baseline, current: current, origin: origin), comparison)
    }

    /// v1.2.3 30% slower than v1.2.2, three runs each, in two scenarios: the report a deploy
    /// decision is made from.
    static func slowdown() -> (html: String, comparison: Comparison) {
        var baseline: [RunRecord] = [], current: [RunRecord] = []
        for (index, scenario) in ["latency", "checkout"].enumerated() {
            baseline += runs(builder("v1.2.2", scenario: scenario), count: 3, firstID: Int64(index * 6 + 1))
            current += runs(builder("v1.2.3", scenario: scenario, latency: 13), count: 3, firstID: Int64(index * 6 + 4))
        }
        return report(baseline: baseline, current: current)
    }

    /// A run that got no response at all: every request failed before an answer.
    static func withoutResponses(_ run: RunRecord) -> RunRecord {
        var failed = run
        failed.counts = RunCounts(sent: run.counts.sent, completed: run.counts.completed, responses: 0,
                                  failures: run.counts.completed, dropped: 0, unfinished: 0)
        failed.statusCodes = [:]
        failed.errors = ["refused": run.counts.completed]
        failed.histograms = run.histograms.mapValues { snapshot in
            var empty = snapshot
            empty.values = []
            empty.counts = []
            empty.minNonZeroValue = nil
            empty.maxValue = 0
            return empty
        }
        failed.series = run.series.map {
            SeriesPoint(second: $0.second, requests: $0.requests, errors: $0.requests, p50: 0, p90: 0, p95: 0, p99: 0,
                        p999: 0, mean: 0, intendedRate: $0.intendedRate)
        }
        return failed
    }
}
