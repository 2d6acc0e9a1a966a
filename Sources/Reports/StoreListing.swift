import Baselines
import Foundation
import Histograms
import Units

/// Renders what the store holds for people: the version list and single runs.
public enum StoreListing {
    /// The versions and scenarios in the store, one row each.
    public static func render(_ summaries: [StoredVersionSummary]) -> String {
        let header = ["version", "scenario", "runs", "first run", "last run", "not completed"]
        let rows = summaries.map { summary -> [String] in
            let incomplete = summary.runsByStatus.filter { $0.key != .completed && $0.value > 0 }
                .sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
            return [RunLabel.printable(summary.version), RunLabel.printable(summary.scenario), String(summary.runCount), Timestamp.string(from: summary.firstStartedAt, precision: .seconds),
                    Timestamp.string(from: summary.lastStartedAt, precision: .seconds), incomplete.isEmpty ? "-" : incomplete.joined(separator: ", ")]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        return ([header] + rows).map { row in
            zip(row, widths).map { RunSummaryText.pad($0, $1 + 1) }.joined().trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    /// One stored run: labels, machine, counts and every recorded histogram's percentiles.
    public static func render(_ run: RunRecord) -> String {
        var lines = [
            "run \(run.id.map(String.init) ?? "?")  version \(RunLabel.printable(run.version))  scenario \(RunLabel.printable(run.scenario))  "
                + "step \(RunLabel.printable(run.step))  status \(run.status.rawValue)",
            row("target", run.targetURL),
            row("time", "\(Timestamp.string(from: run.startedAt, precision: .seconds)) to "
                + Timestamp.string(from: run.endedAt, precision: .seconds)),
            row("host", "\(run.host.summary), perfkit \(run.perfkitVersion)"),
            row("requests", "\(run.counts.sent) sent, \(run.counts.completed) completed, \(run.counts.failures) failed "
                + "(\(fixed(run.counts.errorRate * 100, decimals: 2))%), \(run.counts.dropped) dropped, \(run.counts.unfinished) unfinished"),
            row("rate", "\(fixed(run.achievedRate, decimals: 2)) req/s achieved"
                + (run.intendedRate.map { " (intended \(fixed($0, decimals: 2)))" } ?? "")),
            row("status", run.statusCodes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")),
            "",
            RunSummaryText.pad("", 14) + ["p50", "p90", "p95", "p99", "p99.9", "max"].map { RunSummaryText.leftPad($0, 9) }.joined(),
        ]
        for name in histogramOrder {
            guard let readout = run.histograms[name].flatMap(PercentileReadout.init) else { continue }
            let values = [readout.p50, readout.p90, readout.p95, readout.p99, readout.p999, readout.max]
            lines.append(RunSummaryText.pad(name, 14)
                + values.map { RunSummaryText.leftPad(DurationText.formatMicroseconds(Double($0)), 9) }.joined())
        }
        lines.append("")
        lines.append(row("config", run.configJSON))
        return lines.joined(separator: "\n")
    }

    private static let histogramOrder = ["latency", "service_time", "wait", "dns", "connect", "tls", "ttfb", "transfer"]

    private static func row(_ label: String, _ value: String) -> String { RunSummaryText.pad(label, 10) + value }
}
