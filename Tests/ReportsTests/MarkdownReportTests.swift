import Regression
import Reports
import Testing

@Suite struct MarkdownReportTests {
    @Test func summaryLineComesFirst() {
        let markdown = ComparisonReport.markdown(SampleComparison.make())
        #expect(markdown.hasPrefix("❌ **Regression** in 2 of 6 rows: **v1.2.3** against baseline **v1.2.2**\n"))
        let clean = ComparisonReport.markdown(SampleComparison.make(rows: [SampleComparison.rows[3]]))
        #expect(clean.hasPrefix("✅ **No regression**"))
    }

    @Test func tableHasAHeaderAndOneRowPerComparisonRow() throws {
        let markdown = ComparisonReport.markdown(SampleComparison.make())
        let tableLines = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(tableLines.count == 2 + SampleComparison.rows.count)
        #expect(tableLines[0] == "| Scenario / step | Metric | Baseline | Current | Delta | p | n | Test | Verdict |")
        #expect(tableLines[1].allSatisfy { "|-:".contains($0) })
        // Every row has the header's nine cells: no step name may split a cell.
        for line in tableLines {
            let unescapedPipes = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(unescapedPipes == 10)
        }
        #expect(tableLines[2].hasSuffix("| ❌ regression |"))
        #expect(tableLines.contains { $0.hasSuffix("| ✅ improvement |") })
        #expect(tableLines.contains { $0.hasSuffix("| ～ unchanged |") })
        #expect(tableLines.contains { $0.hasSuffix("| ➖ only in current |") })
        #expect(tableLines.contains { $0.contains("&lt;new>") })
    }

    @Test func carriesTheHostWarningAndNotes() {
        let markdown = ComparisonReport.markdown(SampleComparison.make(hostWarning: "measured on A | B"))
        #expect(markdown.contains("> ⚠️ measured on A \\| B"))
        #expect(markdown.contains("- left out 1 interrupted run of v1.2.3"))
    }
}
