import Regression

extension ComparisonReport {
    /// A GitHub-flavoured Markdown report for a pull-request comment or a CI job summary: the
    /// outcome on the first line, then criteria, host warning, a table with ❌/✅/～ markers, notes.
    public static func markdown(_ comparison: Comparison) -> String {
        let regressions = comparison.regressions.count
        let versions = "**\(cell(comparison.currentVersion))** against baseline **\(cell(comparison.baselineVersion))**"
        var lines = [
            regressions > 0
                ? "❌ **Regression** in \(regressions) of \(comparison.rows.count) rows: \(versions)"
                : "✅ **No regression**: \(versions)",
            "",
            CellText.criteriaSentence(comparison) + ".",
        ]
        if let warning = comparison.hostWarning {
            lines += ["", "> ⚠️ \(cell(warning))"]
        }
        if !comparison.rows.isEmpty {
            // The terminal's columns, capitalised as Markdown tables usually are (p and n stay symbols).
            let titles = VerdictColumns.columns.map { $0.title.count > 1 ? $0.title.prefix(1).uppercased() + $0.title.dropFirst() : $0.title }
            let alignments = VerdictColumns.columns.map { $0.alignment == .right ? "---:" : "---" }
            lines += ["", "| " + titles.joined(separator: " | ") + " |", "|" + alignments.joined(separator: "|") + "|"]
            lines += comparison.rows.map { row in
                var cells = VerdictColumns.cells(row)
                cells[VerdictColumns.verdict] = verdict(row)
                return "| " + cells.map(cell).joined(separator: " | ") + " |"
            }
        }
        let notes = CellText.rowNotes(comparison.rows) + comparison.notes
        if !notes.isEmpty {
            lines += ["", "**Notes**", ""]
            lines += notes.map { "- \(cell($0))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The verdict with its marker; `unchanged` is spelled out, since `～ ~` reads as a typo.
    private static func verdict(_ row: ComparisonRow) -> String {
        switch row.verdict {
        case .regression?: "❌ regression"
        case .improvement?: "✅ improvement"
        case .unchanged?: "～ unchanged"
        case .inconclusive?: "❔ inconclusive"
        case nil: "➖ " + CellText.verdict(row)
        }
    }

    /// Text made safe inside a table cell: a `|` would split the cell, `<` could open an HTML
    /// tag that GitHub swallows, and a newline would end the row.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
