import Baselines

/// One (scenario, step) of an HTML report: heading, a table, the percentile and phase
/// charts, a timeline per run, and the runs' metadata.
enum StepSection {
    /// Writes `step` as the section `id`; `table` writes what sits under the heading (the verdict
    /// table of a comparison, the metric values of a single run).
    static func write(_ step: ReportStep, id: String, to page: inout Markup, table: (inout Markup) -> Void) {
        page.element("section", [("class", "step"), ("id", id)]) { section in
            section.element("h2") { heading in
                heading.text(step.title)
                if let note = step.presenceNote {
                    heading.element("span", [("class", "badge")], text: note)
                }
            }
            table(&section)
            section.element("div", [("class", "charts")]) { charts in
                charts.element("figure") { figure in
                    figure.element("figcaption", text: "Latency by percentile: corrected solid, service time dashed")
                    PercentileSpectrumChart.write(step.versions, to: &figure)
                }
                charts.element("figure") { figure in
                    figure.element("figcaption", text: "Where the time went: connection phases and response")
                    PhaseChart.write(step.versions, to: &figure)
                }
            }
            section.element("h3", text: "Timeline of each run")
            section.element("div", [("class", "timelines")]) { timelines in
                for version in step.versions {
                    for run in version.runs {
                        timelines.element("figure") { figure in
                            figure.element("figcaption", text: caption(run, of: version))
                            TimelineChart.write(run, side: version.side, to: &figure)
                        }
                    }
                }
            }
            section.element("h3", text: "Runs")
            RunTable.write(step.versions, to: &section)
        }
    }

    /// `v1.2.3, run #12 (completed)`, noting when the run is left out of the comparison.
    private static func caption(_ run: RunRecord, of version: VersionRuns) -> String {
        let compared = version.isCharted(run) ? "" : ", not compared"
        return "\(version.version), run \(RunTable.name(run)) (\(run.status.rawValue)\(compared))"
    }
}
