import Baselines
import Foundation
import Regression
import Reports
import RunFixtures
import Testing

/// The comparison report's structure: well-formed, self-contained, every chart drawn, and the
/// terminal table's rows.
@Suite struct HTMLReportTests {
    /// Made once: building the runs is most of a test's time.
    private static let slowdown = HTMLFixtures.slowdown()
    private var report: (html: String, comparison: Comparison) { Self.slowdown }

    @Test func parsesAsXMLAndFetchesNothing() throws {
        let parsed = try ParsedReport(report.html)
        #expect(parsed.elements("html").count == 1)
        let references = parsed.attributeValues("href") + parsed.attributeValues("src")
        #expect(!references.isEmpty, "the contents link to the steps")
        #expect(references.allSatisfy { $0.hasPrefix("#") }, "\(references.filter { !$0.hasPrefix("#") })")
        for external in ["<script", "<link", "<img", "<iframe", "url(", "@import", "src=", "http://", "https://"] {
            // The namespace declarations name their specifications; nothing else may.
            let withoutNamespaces = report.html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/1999/xhtml\"", with: "")
                .replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
                .replacingOccurrences(of: "http://127.0.0.1:8083/api/prices/ACME", with: "")
            #expect(!withoutNamespaces.contains(external), "\(external)")
        }
    }

    @Test func stylesheetFollowsColourSchemeAndPrints() throws {
        let parsed = try ParsedReport(report.html)
        let css = try #require(parsed.elements("style").first?.stringValue)
        #expect(css.contains("@media screen and (prefers-color-scheme: dark)"))
        #expect(css.contains("@media print"))
        #expect(!css.contains("<") && !css.contains("&"), "the sheet is raw text in HTML: nothing may need escaping")
    }

    @Test func everyStepHasEachChartWithLines() throws {
        let parsed = try ParsedReport(report.html)
        #expect(parsed.steps.count == 2)
        for step in parsed.steps {
            let spectrum = try #require(parsed.elements("svg", class: "spectrum", in: step).first)
            #expect(parsed.seriesPaths(in: spectrum).count == 4, "latency and service time of two versions")
            let phases = try #require(parsed.elements("svg", class: "phases", in: step).first)
            #expect(parsed.elements("rect", class: "bar", in: phases).count >= 8, "four measured phases × two versions")
            let timelines = parsed.elements("svg", class: "timeline", in: step)
            #expect(timelines.count == 6, "one per run")
            for chart in [spectrum] + timelines {
                let paths = parsed.seriesPaths(in: chart)
                #expect(!paths.isEmpty && paths.allSatisfy { $0.hasPrefix("M") && $0.contains("L") })
            }
            #expect(parsed.elements("table", class: "runs", in: step).first.map { parsed.elements("tr", in: $0).count } == 7)
        }
    }

    @Test func chartsHaveTitlesLegendsAndAxisLabels() throws {
        let parsed = try ParsedReport(report.html)
        let spectrum = try #require(parsed.elements("svg", class: "spectrum").first)
        let texts = parsed.elements("text", in: spectrum).compactMap(\.stringValue)
        for label in ["latency (ms)", "50%", "90%", "99%", "99.9%", "v1.2.2 latency", "v1.2.3 service time"] {
            #expect(texts.contains(label), "\(label)")
        }
        #expect(texts.contains { $0.hasPrefix("percentile") })
        let tooltips = parsed.elements("title", in: spectrum).compactMap(\.stringValue)
        #expect(tooltips.contains { $0.hasPrefix("v1.2.3 latency p99: ") && $0.hasSuffix(" ms") })
        let timeline = try #require(parsed.elements("svg", class: "timeline").first)
        let timelineTexts = parsed.elements("text", in: timeline).compactMap(\.stringValue)
        #expect(timelineTexts.contains("seconds since start"))
        #expect(timelineTexts.contains("p95 latency, ms"))
        #expect(timelineTexts.contains("errors per second"))
        #expect(parsed.elements("rect", class: "hover", in: timeline).count == 20, "a tooltip per second of a 20 s run")
    }

    @Test func verdictRowsAreTheTextReportsRows() throws {
        let parsed = try ParsedReport(report.html)
        let text = ComparisonReport.text(report.comparison, colour: false)
        let textRows = text.split(separator: "\n").map(String.init)
            .filter { line in report.comparison.rows.contains { line.hasPrefix("\($0.scenario) \($0.step)") } }
            .map { $0.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        #expect(textRows.count == report.comparison.rows.count)
        let htmlRows = parsed.verdictRows()
        #expect(htmlRows.count == textRows.count)
        // Grouped by step, each step's rows in the terminal table's order (regressions first).
        for step in parsed.steps {
            let rows = parsed.verdictRows(in: step)
            let title = try #require(rows.first?.first)
            #expect(rows == textRows.filter { $0.first == title })
            let verdicts = rows.map { $0.last ?? "" }
            #expect(verdicts.firstIndex { $0 != "regression" } ?? verdicts.count
                == verdicts.lastIndex(of: "regression").map { $0 + 1 } ?? 0, "regressions first")
        }
    }

    @Test func regressionRowsAreColouredAndTheResultLeads() throws {
        let parsed = try ParsedReport(report.html)
        let regressionRows = parsed.elements("tr", class: "regression")
        #expect(regressionRows.count == report.comparison.regressions.count)
        #expect(parsed.elements("tr", class: "improvement").isEmpty)
        let result = try #require(parsed.elements("p", class: "result").first)
        #expect(result.classes.contains("regression"))
        #expect(result.stringValue == "RESULT: REGRESSION (\(report.comparison.regressions.count) rows)")
        // The contents name both steps with their regressions.
        let contents = parsed.elements("li", in: parsed.elements("nav").first).compactMap(\.stringValue)
        #expect(contents.count == 2)
        #expect(contents.allSatisfy { $0.contains("regressions") })
    }

    @Test func stepsWithRegressionsComeFirst() throws {
        let baseline = HTMLFixtures.runs(HTMLFixtures.builder("v1.2.2", scenario: "alpha"), count: 3, firstID: 1)
            + HTMLFixtures.runs(HTMLFixtures.builder("v1.2.2", scenario: "beta"), count: 3, firstID: 4)
        let current = HTMLFixtures.runs(HTMLFixtures.builder("v1.2.3", scenario: "alpha"), count: 3, firstID: 7)
            + HTMLFixtures.runs(HTMLFixtures.builder("v1.2.3", scenario: "beta", latency: 13), count: 3, firstID: 10)
        let parsed = try ParsedReport(HTMLFixtures.report(baseline: baseline, current: current).html)
        let headings = parsed.elements("h2").compactMap(\.stringValue)
        #expect(headings == ["beta GET /api/signals", "alpha GET /api/signals"])
        let contents = parsed.elements("li", in: parsed.elements("nav").first).compactMap(\.stringValue)
        #expect(contents.first?.hasPrefix("beta GET /api/signals · 5 regressions") == true, "\(contents)")
        #expect(parsed.elements("a").compactMap { $0.attributes?.first?.stringValue } == ["#step-1", "#step-2"])
    }

    @Test func machineWarningAndNotesAreShown() throws {
        let other = HostFingerprint(cpuModel: "Other CPU", cores: 8, memoryBytes: 16 << 30, kernel: "6.5")
        let baseline = HTMLFixtures.runs(HTMLFixtures.builder("v1.2.2"), count: 3, firstID: 1)
        var current = HTMLFixtures.runs(HTMLFixtures.builder("v1.2.3"), count: 3, firstID: 4)
        current = current.map { var run = $0; run.host = other; return run }
        current[2].status = .interrupted
        let report = HTMLFixtures.report(baseline: baseline, current: current)
        let parsed = try ParsedReport(report.html)
        let warning = try #require(parsed.elements("p", class: "warning").first?.stringValue)
        #expect(ComparisonReport.text(report.comparison, colour: false).contains(warning))
        #expect(warning.contains("Other CPU"))
        let notes = parsed.elements("li", in: parsed.elements("ul", class: "notes").first).compactMap(\.stringValue)
        #expect(notes.contains("left out 1 interrupted run of v1.2.3: only completed runs are compared"))
        let captions = parsed.elements("figcaption").compactMap(\.stringValue)
        #expect(captions.contains("v1.2.3, run #6 (interrupted, not compared)"))
        let machines = parsed.elements("td", in: parsed.elements("table", class: "runs").first).compactMap(\.stringValue)
        #expect(machines.contains(other.summary))
        #expect(machines.contains(RunBuilder.testHost.summary))
    }

    @Test func footerNamesTheCommandAndPerfkitVersion() throws {
        let parsed = try ParsedReport(report.html)
        let footer = try #require(parsed.elements("footer").first?.stringValue)
        #expect(footer.contains("Made by perfkit test on 2023-11-14T22:13:20Z"))
        #expect(footer.contains(HTMLFixtures.origin.command))
    }

    @Test func singleRunReportDrawsTheRunWithItsValues() throws {
        let run = HTMLFixtures.runs(HTMLFixtures.builder("v1.2.3"), count: 1, firstID: 12)[0]
        let parsed = try ParsedReport(RunReport.html(run, origin: HTMLFixtures.origin))
        #expect(parsed.elements("h1").first?.stringValue == "Run #12 of v1.2.3")
        let values = parsed.elements("tr", in: parsed.elements("table", class: "values").first).dropFirst()
            .map { parsed.elements("td", in: $0).compactMap(\.stringValue) }
        #expect(values.map(\.first) == Metric.allCases.map(\.rawValue))
        let p50 = try #require(values.first?.last)
        let shown = try #require(Double(p50.replacingOccurrences(of: " ms", with: "")))
        #expect(abs(shown / (try #require(Metric.p50.value(of: run))) - 1) < 0.01, "\(p50), three significant digits")
        let spectrum = try #require(parsed.elements("svg", class: "spectrum").first)
        #expect(parsed.seriesPaths(in: spectrum).count == 2, "latency and service time")
        #expect(parsed.elements("svg", class: "phases").count == 1)
        #expect(parsed.elements("svg", class: "timeline").count == 1)
        #expect(parsed.elements("table", class: "verdicts").isEmpty)
    }
}
