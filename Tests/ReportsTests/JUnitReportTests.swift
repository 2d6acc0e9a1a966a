import Foundation
import FoundationXML
import Regression
import Reports
import Testing

@Suite struct JUnitReportTests {
    private func document(_ comparison: Comparison) throws -> XMLDocument {
        try XMLDocument(xmlString: ComparisonReport.junit(comparison), options: [])
    }

    @Test func parsesAsXMLWithOneSuitePerStepAndOneCasePerRow() throws {
        let root = try #require(try document(SampleComparison.make()).rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "6")
        #expect(root.attribute(forName: "failures")?.stringValue == "2")
        #expect(root.attribute(forName: "skipped")?.stringValue == "2")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue }
            == ["latency GET /api/prices", "latency GET /api/signals", "latency POST /api/orders <new> & \"quoted\""])
        #expect(suites.flatMap { $0.elements(forName: "testcase") }.count == 6)
        #expect(suites[0].attribute(forName: "failures")?.stringValue == "2")
    }

    @Test func regressionsAreFailuresWithBaselineCurrentDeltaAndP() throws {
        let root = try #require(try document(SampleComparison.make()).rootElement())
        let cases = root.elements(forName: "testsuite").flatMap { $0.elements(forName: "testcase") }
        let failures = cases.flatMap { $0.elements(forName: "failure") }
        #expect(failures.count == 2)
        let message = try #require(failures.first?.attribute(forName: "message")?.stringValue)
        for part in ["p99", "12.3 ms", "16.1 ms", "+30.9%", "p 0.050"] {
            #expect(message.contains(part))
        }
        #expect(failures.first?.stringValue?.contains("baseline v1.2.2: 12.3 ms") == true)
    }

    @Test func inconclusiveAndOneVersionRowsAreSkipped() throws {
        let root = try #require(try document(SampleComparison.make()).rootElement())
        let cases = root.elements(forName: "testsuite").flatMap { $0.elements(forName: "testcase") }
        let skipped = cases.filter { !$0.elements(forName: "skipped").isEmpty }
        #expect(skipped.count == 2)
        #expect(skipped.compactMap { $0.elements(forName: "skipped").first?.attribute(forName: "message")?.stringValue }
            == ["inconclusive: no run-to-run noise estimate", "only in current v1.2.3"])
    }

    @Test func controlCharactersAndMarkupInNamesStayWellFormed() throws {
        let odd = SampleComparison.row("GET /x?a=1&b=<2>\u{7}\n'", .p50, baseline: 1, current: 2, delta: 100,
                                       pValue: 0.01, test: .tTest, verdict: .regression, note: "]]> & <!-- -->")
        let root = try #require(try document(SampleComparison.make(rows: [odd],
                                                                   hostWarning: "\"A\" & 'B'")).rootElement())
        let suite = try #require(root.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "name")?.stringValue == "latency GET /x?a=1&b=<2>\n'")
    }

    @Test func emptyComparisonIsAnEmptyTestRun() throws {
        let root = try #require(try document(SampleComparison.make(rows: [])).rootElement())
        #expect(root.attribute(forName: "tests")?.stringValue == "0")
        #expect(root.elements(forName: "testsuite").isEmpty)
    }
}
