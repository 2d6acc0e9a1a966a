import Baselines
import Foundation
import Recording
import Units

/// The runs behind a step, one line each: what, when, where and how it was measured.
enum RunTable {
    private static let columns: [(title: String, alignment: TextTable.Alignment)] = [
        ("run", .right), ("version", .left), ("status", .left), ("started (UTC)", .left), ("duration", .right),
        ("sent / completed / failed", .right), ("achieved", .right), ("perfkit", .left), ("command", .left),
        ("target", .left), ("machine", .left),
    ]

    /// Writes the table of `versions`' runs, then each run's stored configuration, folded.
    static func write(_ versions: [VersionRuns], to page: inout Markup) {
        let runs = versions.flatMap(\.runs)
        HTMLTable.write("runs", columns: columns, rows: runs.map(cells), to: &page)
        page.element("details", [("class", "config")]) { details in
            details.element("summary", text: "stored configuration of each run (secrets redacted)")
            for run in runs {
                details.element("p", text: "\(name(run)) (\(run.version))")
                details.element("pre", text: run.configJSON)
            }
        }
    }

    private static func cells(_ run: RunRecord) -> [String] {
        let counts = run.counts
        return [
            name(run), run.version, run.status.rawValue, Timestamp.string(from: run.startedAt, precision: .seconds),
            DurationText.formatMicroseconds(max(0, run.endedAt.timeIntervalSince(run.startedAt)) * 1e6),
            "\(counts.sent) / \(counts.completed) / \(counts.failures)", "\(CellText.number(run.achievedRate)) req/s",
            run.perfkitVersion, command(run), run.targetURL, run.host.summary,
        ]
    }

    /// `#12`, `group job-1` for a run group read as one run, or `-` for a run never stored.
    static func name(_ run: RunRecord) -> String {
        if let id = run.id { return "#\(id)" }
        return run.group.map { "group \(RunLabel.printable($0.id))" } ?? "-"
    }

    /// The command that recorded the run, as its stored configuration names it.
    private static func command(_ run: RunRecord) -> String {
        RunConfiguration(json: run.configJSON)?.command ?? "-"
    }
}
