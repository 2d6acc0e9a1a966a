import Baselines
import Regression

extension ComparisonReport {
    /// A self-contained HTML report for deciding a deploy: the result, criteria and machine
    /// warning, then per (scenario, step) the verdict table (the terminal table's rows and cells,
    /// regressions first and coloured), both versions' latency percentile spectrum, phase times,
    /// a timeline per run, and the runs' metadata. Inline CSS and SVG only: it opens offline,
    /// prints, follows the reader's light or dark scheme, and parses as XML.
    ///
    /// - Parameters:
    ///   - baseline: the baseline version's runs the comparison was made from.
    ///   - current: the current version's runs, likewise.
    ///   - origin: the command that made the report, for its footer.
    public static func html(_ comparison: Comparison, baseline: [RunRecord], current: [RunRecord],
                            origin: ReportOrigin) -> String {
        let steps = ReportStep.steps(of: comparison, baseline: baseline, current: current)
        let title = "perfkit: \(comparison.currentVersion) against \(comparison.baselineVersion)"
        return HTMLPage.document(title: title, origin: origin) { page in
            page.element("header") { header in
                header.element("h1", text: CellText.heading(comparison))
                header.element("p", [("class", "criteria")], text: CellText.criteriaSentence(comparison))
                header.element("p", [("class", "result " + (comparison.hasRegression ? "regression" : "passed"))],
                               text: CellText.result(comparison))
                if let warning = CellText.hostWarning(comparison) {
                    header.element("p", [("class", "warning")], text: warning)
                }
                notes(comparison.notes, to: &header)
            }
            guard !steps.isEmpty else {
                page.element("p", text: CellText.nothingToCompare)
                return
            }
            contents(steps, to: &page)
            for (index, step) in steps.enumerated() {
                StepSection.write(step, id: anchor(index), to: &page) { section in
                    verdicts(step, to: &section)
                }
            }
        }
    }

    /// The list of steps, each linked to its section with its tally of verdicts, so a reader
    /// sees at once where the regressions are.
    private static func contents(_ steps: [ReportStep], to page: inout Markup) {
        page.element("nav") { nav in
            nav.element("ol") { list in
                for (index, step) in steps.enumerated() {
                    list.element("li") { item in
                        item.element("a", [("href", "#" + anchor(index))], text: step.title)
                        let tally: [(verdict: RegressionVerdict, one: String, several: String)] = [
                            (.regression, "regression", "regressions"), (.improvement, "improvement", "improvements"),
                            (.unchanged, "~", "~"), (.inconclusive, "inconclusive", "inconclusive"),
                        ]
                        for (verdict, one, several) in tally {
                            let count = step.rows.count { $0.verdict == verdict }
                            guard count > 0 else { continue }
                            item.text(" · ")
                            item.element("span", [("class", "count " + verdict.rawValue)],
                                         text: "\(count) \(count == 1 ? one : several)")
                        }
                        if let note = step.presenceNote {
                            item.text(" · ")
                            item.element("span", [("class", "count")], text: note)
                        }
                    }
                }
            }
        }
    }

    /// The step's rows as the terminal table shows them, each row classed by its verdict, then
    /// the step's row notes.
    private static func verdicts(_ step: ReportStep, to page: inout Markup) {
        guard !step.rows.isEmpty else {
            page.element("p", [("class", "muted")], text: "no verdict: \(step.presenceNote ?? "nothing compared")")
            return
        }
        HTMLTable.write("verdicts", columns: VerdictColumns.columns, rows: step.rows.map(VerdictColumns.cells),
                        rowClasses: step.rows.map { $0.verdict?.rawValue ?? "absent" }, to: &page)
        notes(CellText.rowNotes(step.rows), to: &page)
    }

    private static func notes(_ notes: [String], to page: inout Markup) {
        guard !notes.isEmpty else { return }
        page.element("ul", [("class", "notes")]) { list in
            for note in notes {
                list.element("li", text: note)
            }
        }
    }

    private static func anchor(_ index: Int) -> String {
        "step-\(index + 1)"
    }
}
