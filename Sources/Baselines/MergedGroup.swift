import Foundation
import Histograms
import Units

/// A complete run group read as the one run a single machine would have stored for the whole
/// test (see `init(segments:)` for the rule), with the segment runs it was made of.
public struct MergedGroup: Sendable {
    /// The whole test: `id` nil (it is no stored row), `group` the group with segment `.whole`.
    public var run: RunRecord
    /// The segment runs, in share order.
    public var segments: [RunRecord]
    /// What the reader should know about how the segments ran: on different machines, or
    /// started far apart.
    public var notes: [String]

    /// Segments whose starts differ by more than this many seconds did not start together: the
    /// merged timeline's first seconds then lack the late segments' load.
    public static let startSpreadWarningSeconds = 1.0

    /// Merges the runs of one complete group (one `GroupKey`, segments tiling [0, 1); see
    /// `GroupCompleteness`). Histograms add exactly, bucket for bucket, metric by metric;
    /// counts, status codes, errors and rates (each segment's being its share) add up; the run
    /// spans the earliest start to the latest end; its status is the worst; the timeline is
    /// aligned on the wall clock (`SeriesAlignment`, whose per-second percentiles are
    /// approximate); labels, host and configuration are those of the lowest segment.
    public init(segments unordered: [RunRecord]) {
        precondition(!unordered.isEmpty, "a group has at least one segment")
        let segments = unordered.sorted { Self.share($0) < Self.share($1) }
        let lowest = segments[0]
        let startedAt = segments.map(\.startedAt).min()!
        var run = lowest
        run.id = nil
        run.group = lowest.group.map { RunGroupMembership(id: $0.id, segment: .whole) }
        run.startedAt = startedAt
        run.endedAt = segments.map(\.endedAt).max()!
        run.status = segments.map(\.status).max { Self.severity($0) < Self.severity($1) }!
        run.counts = segments.dropFirst().reduce(lowest.counts) { $0.adding($1.counts) }
        let intended = segments.compactMap(\.intendedRate)
        run.intendedRate = intended.isEmpty ? nil : intended.reduce(0, +)
        run.achievedRate = segments.reduce(0) { $0 + $1.achievedRate }
        run.statusCodes = segments.reduce(into: [:]) { $0.merge($1.statusCodes, uniquingKeysWith: +) }
        run.errors = segments.reduce(into: [:]) { $0.merge($1.errors, uniquingKeysWith: +) }
        let metrics = Set(segments.flatMap(\.histograms.keys))
        run.histograms = Dictionary(uniqueKeysWithValues: metrics.compactMap { metric in
            HistogramSnapshot.merged(segments.compactMap { $0.histograms[metric] }).map { (metric, $0) }
        })
        run.series = SeriesAlignment.merge(segments.map { .init(startedAt: $0.startedAt, points: $0.series) },
                                           from: startedAt)
        self.run = run
        self.segments = segments
        notes = Self.notes(segments, startedAt: startedAt)
    }

    private static func share(_ run: RunRecord) -> Fraction { run.group?.segment.start ?? .zero }

    private static func severity(_ status: RunStatus) -> Int {
        switch status {
        case .completed: 0
        case .interrupted: 1
        case .failed: 2
        }
    }

    private static func notes(_ segments: [RunRecord], startedAt: Date) -> [String] {
        let name = "group '\(RunLabel.printable(segments[0].group?.id ?? ""))'"
        var notes: [String] = []
        let hosts = Set(segments.map(\.host))
        if hosts.count > 1 {
            notes.append("\(name): its \(segments.count) segments ran on \(hosts.count) different machines; "
                         + "the machine shown is segment \(segments[0].group?.segment.description ?? "?")'s")
        }
        if let latest = segments.max(by: { $0.startedAt < $1.startedAt }) {
            let spread = latest.startedAt.timeIntervalSince(startedAt)
            if spread > startSpreadWarningSeconds {
                notes.append("\(name): segments started up to \(String(format: "%.1f", spread)) s apart (segment "
                             + "\(latest.group?.segment.description ?? "?") last): the whole test's first seconds "
                             + "lack the late segments' load")
            }
        }
        return notes
    }
}

extension RunCounts {
    /// These counts plus `other`'s.
    func adding(_ other: RunCounts) -> RunCounts {
        RunCounts(sent: sent + other.sent, completed: completed + other.completed, responses: responses + other.responses,
                  failures: failures + other.failures, dropped: dropped + other.dropped,
                  unfinished: unfinished + other.unfinished)
    }
}
