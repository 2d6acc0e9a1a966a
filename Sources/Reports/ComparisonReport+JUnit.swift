import Regression

extension ComparisonReport {
    /// JUnit XML for CI test views: one `<testsuite>` per (scenario, step), one `<testcase>` per
    /// metric. Regressions are `<failure>`s with baseline, current, delta and p; inconclusive
    /// rows and steps measured in one version only are `<skipped/>`; the rest pass.
    public static func junit(_ comparison: Comparison) -> String {
        var suites: [(name: String, rows: [ComparisonRow])] = []
        for row in comparison.rows {
            let name = CellText.step(row)
            if let index = suites.firstIndex(where: { $0.name == name }) {
                suites[index].rows.append(row)
            } else {
                suites.append((name, [row]))
            }
        }
        let title = "perfkit compare \(comparison.currentVersion) against \(comparison.baselineVersion)"
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites name=\"\(XMLText.escape(title))\" tests=\"\(comparison.rows.count)\" "
                + "failures=\"\(comparison.rows.count { isFailure($0) })\" errors=\"0\" "
                + "skipped=\"\(comparison.rows.count { isSkipped($0) })\" time=\"0\">",
        ]
        for suite in suites {
            lines.append("  <testsuite name=\"\(XMLText.escape(suite.name))\" tests=\"\(suite.rows.count)\" "
                + "failures=\"\(suite.rows.count { isFailure($0) })\" errors=\"0\" "
                + "skipped=\"\(suite.rows.count { isSkipped($0) })\" time=\"0\">")
            lines += properties(comparison)
            lines += suite.rows.flatMap { testcase($0, comparison: comparison) }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func isFailure(_ row: ComparisonRow) -> Bool { row.verdict == .regression }

    private static func isSkipped(_ row: ComparisonRow) -> Bool { row.verdict == .inconclusive || row.verdict == nil }

    /// The comparison's context, repeated in each suite because many CI tools read only suites.
    private static func properties(_ comparison: Comparison) -> [String] {
        var properties = [
            ("baseline_version", comparison.baselineVersion), ("current_version", comparison.currentVersion),
            ("criteria", CellText.criteria(comparison)),
        ]
        if let warning = comparison.hostWarning { properties.append(("host_warning", warning)) }
        return ["    <properties>"]
            + properties.map { "      <property name=\"\($0.0)\" value=\"\(XMLText.escape($0.1))\"/>" }
            + ["    </properties>"]
    }

    private static func testcase(_ row: ComparisonRow, comparison: Comparison) -> [String] {
        let open = "    <testcase classname=\"\(XMLText.escape(CellText.step(row)))\" "
            + "name=\"\(XMLText.escape(row.metric.rawValue))\" time=\"0\""
        let summary = "\(row.metric.rawValue): \(CellText.value(row.baseline, row.metric)) → "
            + "\(CellText.value(row.current, row.metric)) (\(CellText.delta(row)), threshold "
            + "\(CellText.threshold(row.threshold, row.deltaUnit)), p \(CellText.pValue(row.pValue)), "
            + "\(CellText.samples(row)))"
        var body: [String]
        switch row.verdict {
        case .regression?:
            let details = [
                "baseline \(comparison.baselineVersion): \(CellText.value(row.baseline, row.metric))",
                "current \(comparison.currentVersion): \(CellText.value(row.current, row.metric))",
                "delta: \(CellText.delta(row)) (threshold \(CellText.threshold(row.threshold, row.deltaUnit)))",
                "p: \(CellText.pValue(row.pValue)) (\(CellText.testInWords(row)))",
            ] + (row.note.map { ["note: \($0)"] } ?? [])
            body = ["      <failure message=\"\(XMLText.escape("regression: " + summary))\" type=\"regression\">"
                + details.map(XMLText.escape).joined(separator: "&#10;") + "</failure>"]
        case .inconclusive?:
            body = ["      <skipped message=\"\(XMLText.escape("inconclusive: " + (row.note ?? summary)))\"/>"]
        case nil:
            let version = row.presence == .baselineOnly ? comparison.baselineVersion : comparison.currentVersion
            body = ["      <skipped message=\"\(XMLText.escape("\(CellText.verdict(row)) \(version)"))\"/>"]
        case .improvement?, .unchanged?:
            body = []
        }
        body.append("      <system-out>\(XMLText.escape("\(CellText.verdict(row)): \(summary)"))</system-out>")
        return [open + ">"] + body + ["    </testcase>"]
    }
}
