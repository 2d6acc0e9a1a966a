import Baselines
import Regression
import Units

/// One stored run as a self-contained HTML page (`perfkit report --run ID`): the run's metric
/// values, latency percentile spectrum, phase times, timeline and metadata, drawn as in a
/// comparison report but for one version.
public enum RunReport {
    /// The page for `run`, whatever its status (an interrupted run shows what it measured).
    public static func html(_ run: RunRecord, origin: ReportOrigin) -> String {
        let step = ReportStep(scenario: run.scenario, step: run.step, rows: [], versions: [
            VersionRuns(version: run.version, side: .current, runs: [run], chartsCompletedOnly: false),
        ])
        let title = "perfkit: run \(RunTable.name(run)) of \(run.version)"
        return HTMLPage.document(title: title, origin: origin) { page in
            page.element("header") { header in
                header.element("h1", text: "Run \(RunTable.name(run)) of \(run.version)")
                let started = Timestamp.string(from: run.startedAt, precision: .seconds)
                header.element("p", [("class", "criteria")], text: "\(step.title), \(run.status.rawValue), started \(started)")
            }
            StepSection.write(step, id: "step-1", to: &page) { section in
                HTMLTable.write("values", columns: [("metric", .left), ("value", .right)],
                                rows: Metric.allCases.map { [$0.rawValue, CellText.value($0.value(of: run), $0)] },
                                to: &section)
            }
        }
    }
}
