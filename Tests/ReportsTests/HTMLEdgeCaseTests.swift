import Baselines
import Foundation
import FoundationXML
import Regression
import Reports
import RunFixtures
import Testing

/// Reports of unusual data still render whole and say what is missing.
@Suite struct HTMLEdgeCaseTests {
    private func runs(_ version: String, count: Int, firstID: Int64, scenario: String = "latency",
                      seconds: Int = 20) -> [RunRecord] {
        HTMLFixtures.runs(HTMLFixtures.builder(version, scenario: scenario, seconds: seconds), count: count,
                          firstID: firstID)
    }

    @Test func versionWithASingleRunIsDrawnBesideOneWithThree() throws {
        let report = HTMLFixtures.report(baseline: runs("v1.2.2", count: 1, firstID: 1),
                                         current: runs("v1.2.3", count: 3, firstID: 2))
        let parsed = try ParsedReport(report.html)
        let spectrum = try #require(parsed.elements("svg", class: "spectrum").first)
        #expect(parsed.seriesPaths(in: spectrum).count == 4)
        #expect(parsed.elements("svg", class: "timeline").count == 4)
        #expect(parsed.verdictRows().contains { $0.contains("1/3 s") || $0.contains("1/3 runs") })
    }

    @Test func runWithoutAResponseShowsItsErrorsAndNoLatency() throws {
        let current = [HTMLFixtures.withoutResponses(runs("v1.2.3", count: 1, firstID: 2)[0])]
        let report = HTMLFixtures.report(baseline: runs("v1.2.2", count: 1, firstID: 1), current: current)
        let parsed = try ParsedReport(report.html)
        let spectrum = try #require(parsed.elements("svg", class: "spectrum").first)
        #expect(parsed.seriesPaths(in: spectrum).count == 2, "the baseline's lines only")
        #expect(parsed.elements("text", in: spectrum).contains { $0.stringValue == "no latency recorded in v1.2.3" })
        let phases = parsed.elements("text", in: parsed.elements("svg", class: "phases").first).compactMap(\.stringValue)
        #expect(phases.contains("v1.2.3: not measured"))
        let timeline = try #require(parsed.elements("svg", class: "timeline").last)
        let lines = parsed.elements("path", class: "series", in: timeline)
        #expect(lines.contains { $0.classes.contains("err") }, "errors per second drawn")
        #expect(!lines.contains { $0.title == "p95 latency per second" }, "no p95 line without responses")
        #expect(parsed.elements("text", in: timeline).contains { $0.stringValue == "no responses" })
    }

    @Test func stepOfOneVersionOnlyIsShownAndMarked() throws {
        let baseline = runs("v1.2.2", count: 2, firstID: 1)
        let current = runs("v1.2.3", count: 2, firstID: 3) + runs("v1.2.3", count: 1, firstID: 5, scenario: "orders")
        let parsed = try ParsedReport(HTMLFixtures.report(baseline: baseline, current: current).html)
        let orders = try #require(parsed.steps.first { $0.stringValue?.contains("orders GET /api/signals") == true })
        #expect(parsed.elements("span", class: "badge", in: orders).first?.stringValue == "only in v1.2.3")
        #expect(parsed.verdictRows(in: orders).allSatisfy { $0.last == "only in current" })
        #expect(parsed.elements("svg", class: "spectrum", in: orders).count == 1)
        #expect(parsed.elements("svg", class: "timeline", in: orders).count == 1)
        let contents = parsed.elements("li", in: parsed.elements("nav").first).compactMap(\.stringValue)
        #expect(contents.contains { $0.hasPrefix("orders GET /api/signals") && $0.hasSuffix("only in v1.2.3") })
    }

    @Test func stepWithoutCompletedRunsIsShownAsNotCompared() throws {
        let interrupted = runs("v1.2.3", count: 1, firstID: 2).map { var run = $0; run.status = .interrupted; return run }
        let report = HTMLFixtures.report(baseline: runs("v1.2.2", count: 1, firstID: 1), current: interrupted)
        let parsed = try ParsedReport(report.html)
        let step = try #require(parsed.steps.first)
        #expect(parsed.elements("span", class: "badge", in: step).first?.stringValue
            == "no completed run of v1.2.3: not compared")
        #expect(parsed.elements("svg", class: "timeline", in: step).count == 2, "the interrupted run still has its timeline")
    }

    @Test func comparisonWithoutRunsSaysThereIsNothingToCompare() throws {
        let parsed = try ParsedReport(HTMLFixtures.report(baseline: [], current: []).html)
        #expect(parsed.steps.isEmpty)
        #expect(parsed.elements("p").contains { $0.stringValue == "nothing to compare: no runs with a (scenario, step)" })
    }

    @Test func longRunIsThinnedAndARampRamps() throws {
        var run = runs("v1.2.3", count: 1, firstID: 1, seconds: 1_000)[0]
        run.series = run.series.map { point in
            var ramped = point
            ramped.requests = 1 + point.second / 2
            ramped.intendedRate = Double(1 + point.second / 2)
            return ramped
        }
        let parsed = try ParsedReport(RunReport.html(run, origin: HTMLFixtures.origin))
        let timeline = try #require(parsed.elements("svg", class: "timeline").first)
        let achieved = try #require(parsed.elements("path", class: "series", in: timeline)
            .first { $0.title?.hasPrefix("achieved rate") == true })
        let points = achieved.pathPoints
        #expect(points.count <= 240, "\(points.count) points for 1,000 seconds")
        #expect(points.count >= 200)
        // SVG's y grows downwards: a rising rate climbs from the bottom of its panel to the top.
        #expect(try #require(points.first).y - (try #require(points.last)).y > 40)
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.1.x > $0.0.x })
        #expect(parsed.elements("rect", class: "hover", in: timeline).count <= 40)
    }
}
