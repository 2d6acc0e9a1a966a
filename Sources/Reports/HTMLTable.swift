/// An HTML table of text cells: a header row, then body rows, right-aligned columns marked so
/// numbers line up.
enum HTMLTable {
    /// Writes a table of class `kind`; `rowClasses`, when given, has one class per row (a verdict).
    static func write(_ kind: String, columns: [(title: String, alignment: TextTable.Alignment)], rows: [[String]],
                      rowClasses: [String]? = nil, to page: inout Markup) {
        let alignments = columns.map { $0.alignment == .right ? [("class", "num")] : [] }
        page.element("table", [("class", kind)]) { table in
            table.element("thead") { head in
                head.element("tr") { header in
                    for (column, alignment) in zip(columns, alignments) {
                        header.element("th", alignment, text: column.title)
                    }
                }
            }
            table.element("tbody") { body in
                for (index, row) in rows.enumerated() {
                    body.element("tr", rowClasses.map { [("class", $0[index])] } ?? []) { line in
                        for (cell, alignment) in zip(row, alignments) {
                            line.element("td", alignment, text: cell)
                        }
                    }
                }
            }
        }
    }
}
