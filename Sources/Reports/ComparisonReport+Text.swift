import Regression

extension ComparisonReport {
    /// The terminal report: versions and criteria, the host warning, an aligned table
    /// (regressions in red and improvements in green when `colour`), notes, and a last line
    /// `RESULT: REGRESSION (n rows)` or `RESULT: no regression`.
    public static func text(_ comparison: Comparison, colour: Bool) -> String {
        var lines = [
            "Comparing \(comparison.currentVersion) (current) with \(comparison.baselineVersion) (baseline)",
            CellText.criteria(comparison) + ": a regression is worse than its threshold with p ≤ alpha",
        ]
        if let warning = comparison.hostWarning {
            lines.append(TerminalColour.yellow.paint("WARNING: \(warning)", enabled: colour))
        }
        lines.append("")
        if comparison.rows.isEmpty {
            lines.append("nothing to compare: no runs with a (scenario, step)")
        } else {
            lines += table(comparison.rows).lines { row, column, padded in
                guard column == verdictColumn else { return padded }
                switch comparison.rows[row].verdict {
                case .regression?: return TerminalColour.red.paint(padded, enabled: colour)
                case .improvement?: return TerminalColour.green.paint(padded, enabled: colour)
                default: return padded
                }
            }
        }
        let notes = CellText.rowNotes(comparison.rows) + comparison.notes
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            lines += notes.map { "  - \($0)" }
        }
        lines.append("")
        let regressions = comparison.regressions.count
        lines.append(regressions > 0
            ? TerminalColour.red.paint("RESULT: REGRESSION (\(regressions) row\(regressions == 1 ? "" : "s"))",
                                       enabled: colour)
            : "RESULT: no regression")
        return lines.joined(separator: "\n") + "\n"
    }

    private static let verdictColumn = 7

    private static func table(_ rows: [ComparisonRow]) -> TextTable {
        var table = TextTable(columns: [
            ("scenario / step", .left), ("metric", .left), ("baseline", .right), ("current", .right),
            ("delta", .right), ("p", .right), ("n", .right), ("verdict", .left),
        ])
        table.rows = rows.map { row in
            [CellText.step(row), row.metric.rawValue, CellText.value(row.baseline, row.metric),
             CellText.value(row.current, row.metric), CellText.delta(row), CellText.pValue(row.pValue),
             CellText.samples(row), CellText.verdict(row)]
        }
        return table
    }
}
