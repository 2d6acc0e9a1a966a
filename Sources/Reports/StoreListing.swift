import Baselines
import Foundation
import Histograms
import Units

/// Renders what the store holds for people: the version list and single runs.
public enum StoreListing {
    /// The versions and scenarios in the store, one row each. With `segments` (the store's
    /// segment runs) a `groups` column counts each row's run groups (a group is one of its
    /// runs), and each incomplete group gets a line below the table saying what it lacks.
    public static func render(_ summaries: [StoredVersionSummary], segments: [StoredSegment] = []) -> String {
        let showsGroups = !segments.isEmpty
        let header = ["version", "scenario", "runs"] + (showsGroups ? ["groups"] : [])
            + ["first run", "last run", "not completed"]
        let segmentsByRow = Dictionary(grouping: segments) { [$0.version, $0.scenario] }
        var incompleteGroups: [IncompleteGroup] = []
        let rows = summaries.map { summary -> [String] in
            let incomplete = summary.runsByStatus.filter { $0.key != .completed && $0.value > 0 }
                .sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
            let groups = GroupListing(segmentsByRow[[summary.version, summary.scenario]] ?? [])
            incompleteGroups += groups.incomplete
            return [RunLabel.printable(summary.version), RunLabel.printable(summary.scenario), String(summary.runCount)]
                + (showsGroups ? [groups.cell] : [])
                + [Timestamp.string(from: summary.firstStartedAt, precision: .seconds),
                   Timestamp.string(from: summary.lastStartedAt, precision: .seconds), incomplete.isEmpty ? "-" : incomplete.joined(separator: ", ")]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        let table = ([header] + rows).map { row in
            zip(row, widths).map { RunSummaryText.pad($0, $1 + 1) }.joined().trimmingCharacters(in: .whitespaces)
        }
        return (table + incompleteGroups.map { "incomplete: \($0.description)" }).joined(separator: "\n")
    }

    /// A complete run group: the segments it was made of, how they ran, then the whole test as
    /// one run (`render(_:)` of the merged run).
    public static func render(_ group: MergedGroup) -> String {
        var lines = [segmentsLine(group)]
        for segment in group.segments {
            lines.append("  " + RunSummaryText.pad(segment.group?.segment.description ?? "?", 12)
                + RunSummaryText.pad("run \(segment.id.map(String.init) ?? "?")", 10)
                + "\(segment.status.rawValue), started +\(fixed(segment.startedAt.timeIntervalSince(group.run.startedAt), decimals: 3)) s, "
                + "\(segment.counts.completed) completed, on \(segment.host.summary)")
        }
        lines += group.notes.map { "note: \($0)" }
        return (lines + ["", render(group.run)]).joined(separator: "\n")
    }

    /// `group 'job-1': 4 segments as one run (0:1/4 run 1, 1/4:1/2 run 2, …)`.
    public static func segmentsLine(_ group: MergedGroup) -> String {
        let segments = group.segments.map { run in
            "\(run.group?.segment.description ?? "?") run \(run.id.map(String.init) ?? "?")"
        }
        return "group '\(RunLabel.printable(group.run.group?.id ?? ""))': \(group.segments.count) segment"
            + "\(group.segments.count == 1 ? "" : "s") as one run (\(segments.joined(separator: ", ")))"
    }

    /// One stored run: labels, machine, counts and every recorded histogram's percentiles.
    public static func render(_ run: RunRecord) -> String {
        var lines = [
            "\(name(of: run))  version \(RunLabel.printable(run.version))  scenario \(RunLabel.printable(run.scenario))  "
                + "step \(RunLabel.printable(run.step))  status \(run.status.rawValue)",
            row("target", run.targetURL),
        ] + segmentRow(run) + [
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

    /// For a segment run: its group and share (a merged group names its group in its first line).
    private static func segmentRow(_ run: RunRecord) -> [String] {
        guard run.id != nil, let group = run.group else { return [] }
        return [row("group", "\(RunLabel.printable(group.id)), segment \(group.segment)")]
    }

    /// `run 12`, or `group 'job-1'` for a merged group (which is no stored row).
    private static func name(of run: RunRecord) -> String {
        if run.id == nil, let group = run.group { return "group '\(RunLabel.printable(group.id))'" }
        return "run \(run.id.map(String.init) ?? "?")"
    }

    private static let histogramOrder = ["latency", "service_time", "wait", "dns", "connect", "tls", "ttfb", "transfer"]

    private static func row(_ label: String, _ value: String) -> String { RunSummaryText.pad(label, 10) + value }
}
