import Regression
import Reports
import Testing

@Suite struct TextReportTests {
    @Test func namesVersionsCriteriaAndEndsWithTheResult() {
        let text = ComparisonReport.text(SampleComparison.make(), colour: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Comparing v1.2.3 (current) with v1.2.2 (baseline)")
        #expect(lines[1].hasPrefix("threshold 10% (p99 15%, error_rate 0.5 pt), alpha 0.05"))
        #expect(lines.last(where: { !$0.isEmpty }) == "RESULT: REGRESSION (2 rows)")
    }

    @Test func showsEveryRowAlignedWithItsValues() throws {
        let text = ComparisonReport.text(SampleComparison.make(), colour: false)
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("scenario / step") })
        for title in ["metric", "baseline", "current", "delta", "p", "n", "test", "verdict"] {
            #expect(header.contains(title))
        }
        let p99 = try #require(lines.first { $0.hasPrefix("latency GET /api/prices") && $0.contains(" p99 ") })
        for cell in ["12.3 ms", "16.1 ms", "+30.9%", "0.050", "3/3 runs", " U ", "regression"] {
            #expect(p99.contains(cell))
        }
        #expect(lines.contains { $0.contains("error_rate") && $0.contains("1.00%") && $0.contains("+0.60 pt") })
        #expect(lines.contains { $0.contains("GET /api/signals") && $0.contains("<0.001") && $0.contains("1/1 runs")
            && $0.contains("t ±4.1% (h 12)") && $0.hasSuffix("improvement") })
        #expect(lines.contains { $0.contains("GET /api/signals") && $0.contains(" none ") && $0.hasSuffix("inconclusive") })
        #expect(lines.contains { $0.contains("throughput") && $0.hasSuffix("~") })
        #expect(lines.contains { $0.contains("inconclusive") })
        #expect(lines.contains { $0.hasSuffix("only in current") })
        // Aligned: the verdict column starts at the same offset in the header and every row.
        let verdictOffset = try #require(header.range(of: "verdict")).lowerBound.utf16Offset(in: header)
        let rowLines = lines.filter { $0.hasPrefix("latency ") }
        #expect(rowLines.count == SampleComparison.rows.count)
        for line in rowLines {
            #expect(line.count > verdictOffset && line[line.index(line.startIndex, offsetBy: verdictOffset - 1)] == " ")
        }
    }

    @Test func listsRowNotesAndComparisonNotes() {
        let text = ComparisonReport.text(SampleComparison.make(), colour: false)
        #expect(text.contains("  - latency GET /api/signals (p99): no run-to-run noise estimate"))
        #expect(text.contains("  - left out 1 interrupted run of v1.2.3"))
    }

    @Test func labelsFromTheStoreReachTheTerminalWithoutControlCharacters() {
        let hostile = SampleComparison.row("GET /x\u{1B}[31m\n", .p50, baseline: 1, current: 1, delta: 0, pValue: 0.5,
                                           test: .tTest, verdict: .unchanged)
        var comparison = SampleComparison.make(rows: [hostile])
        comparison.currentVersion = "v2\u{1B}]0;owned\u{7}"
        let text = ComparisonReport.text(comparison, colour: false)
        #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" })
        #expect(text.contains("latency GET /x?[31m?"))
        #expect(text.contains("Comparing v2?]0;owned? (current)"))
    }

    @Test func warnsAboutDifferentMachines() {
        let text = ComparisonReport.text(SampleComparison.make(hostWarning: "measured on A and B"), colour: false)
        #expect(text.contains("WARNING: measured on A and B"))
    }

    @Test func colourMarksRegressionsRedAndImprovementsGreenOnlyWhenAsked() {
        let coloured = ComparisonReport.text(SampleComparison.make(), colour: true)
        #expect(coloured.contains("\u{1B}[31mregression"))
        #expect(coloured.contains("\u{1B}[32mimprovement"))
        #expect(!ComparisonReport.text(SampleComparison.make(), colour: false).contains("\u{1B}["))
    }

    @Test func noRegressionSaysSo() {
        let rows = SampleComparison.rows.filter { $0.verdict != .regression }
        let text = ComparisonReport.text(SampleComparison.make(rows: rows), colour: true)
        #expect(text.hasSuffix("RESULT: no regression\n"))
    }
}
