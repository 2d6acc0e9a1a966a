/// Columns padded to a common width, for the terminal report.
struct TextTable {
    /// Which side of its column a cell hugs.
    enum Alignment {
        case left
        case right
    }

    /// Column titles and alignments.
    var columns: [(title: String, alignment: Alignment)]
    /// Cells, one array per row, as many as there are columns.
    var rows: [[String]] = []

    /// The table as lines, header first. `decorate` may wrap a padded cell (in colour, say)
    /// after the widths are measured, so escape codes do not shift the columns.
    func lines(decorate: (_ row: Int, _ column: Int, _ padded: String) -> String = { $2 }) -> [String] {
        var widths = columns.map(\.title.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func render(_ cells: [String], row: Int?) -> String {
            let padded = cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                let text = columns[index].alignment == .left ? cell + padding : padding + cell
                return row.map { decorate($0, index, text) } ?? text
            }
            return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
        }
        return [render(columns.map(\.title), row: nil)] + rows.enumerated().map { render($1, row: $0) }
    }
}
