import Regression

/// The comparison table's columns, shared by the terminal and HTML reports (and the Markdown
/// one, which marks verdicts its own way), so every format shows the same cells.
enum VerdictColumns {
    /// Titles and alignments, in order.
    static let columns: [(title: String, alignment: TextTable.Alignment)] = [
        ("scenario / step", .left), ("metric", .left), ("baseline", .right), ("current", .right),
        ("delta", .right), ("p", .right), ("n", .right), ("test", .left), ("verdict", .left),
    ]

    /// The index of the scenario / step column.
    static let step = 0

    /// The index of the verdict column.
    static let verdict = 8

    /// The cells of `row`, one per column.
    static func cells(_ row: ComparisonRow) -> [String] {
        [CellText.step(row), row.metric.rawValue, CellText.value(row.baseline, row.metric),
         CellText.value(row.current, row.metric), CellText.delta(row), CellText.pValue(row.pValue),
         CellText.samples(row), CellText.test(row), CellText.verdict(row)]
    }
}
