import Regression
import Units

extension ComparisonReport {
    /// The terminal report: versions and criteria, the host warning, an aligned table
    /// (regressions in red and improvements in green when `colour`), notes, and a last line
    /// `RESULT: REGRESSION (n rows)` or `RESULT: no regression`.
    public static func text(_ comparison: Comparison, colour: Bool) -> String {
        // Labels come from stores perfkit may not have filled alone: no escape sequence reaches the terminal.
        var lines = [RunLabel.printable(CellText.heading(comparison)), CellText.criteriaSentence(comparison)]
        if let warning = CellText.hostWarning(comparison) {
            lines.append(TerminalColour.yellow.paint(warning, enabled: colour))
        }
        lines.append("")
        if comparison.rows.isEmpty {
            lines.append(CellText.nothingToCompare)
        } else {
            var table = TextTable(columns: VerdictColumns.columns)
            table.rows = comparison.rows.map { row in
                var cells = VerdictColumns.cells(row)
                cells[VerdictColumns.step] = RunLabel.printable(cells[VerdictColumns.step])
                return cells
            }
            lines += table.lines { row, column, padded in
                guard column == VerdictColumns.verdict else { return padded }
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
        lines.append(TerminalColour.red.paint(CellText.result(comparison), enabled: colour && comparison.hasRegression))
        return lines.joined(separator: "\n") + "\n"
    }
}
