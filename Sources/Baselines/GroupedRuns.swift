/// Stored runs as people see them: a run one process sent alone as it is, a complete run group
/// as the one run of its whole test (`MergedGroup`), an incomplete group as no run at all but
/// a reason (`IncompleteGroup`). The one place the group rule is applied to runs: every
/// command that reads runs reads them through this.
public struct GroupedRuns: Sendable {
    /// Runs sent alone and merged complete groups, in start order.
    public var runs: [RunRecord]
    /// The complete groups, in start order, with their segments.
    public var groups: [MergedGroup] = []
    /// The groups that are not complete, in start order.
    public var incomplete: [IncompleteGroup] = []

    /// Applies the group rule to `records` (any mix of versions, scenarios and groups).
    public init(_ records: [RunRecord]) {
        let ordered = records.sorted(by: Self.startOrder)
        for (key, members) in ordered.compactMap(GroupMember.init).groupedInOrder(by: \.segment.key) {
            let problems = GroupCompleteness.problems(members.map(\.segment))
            if problems.isEmpty {
                groups.append(MergedGroup(segments: members.map(\.run)))
            } else {
                incomplete.record(key, segments: members.map(\.segment), problems: problems)
            }
        }
        runs = (ordered.filter { $0.group == nil } + groups.map(\.run)).sorted(by: Self.startOrder)
    }

    /// What the reader should know about the complete groups (machines, late starts). A
    /// scenario's steps merge one by one, so the same note comes once per step: said once here.
    public var notes: [String] {
        var seen = Set<String>()
        return groups.flatMap(\.notes).filter { seen.insert($0).inserted }
    }

    private static func startOrder(_ first: RunRecord, _ second: RunRecord) -> Bool {
        (first.startedAt, first.id ?? .max) < (second.startedAt, second.id ?? .max)
    }

    /// A segment run with its index entry.
    private struct GroupMember {
        let run: RunRecord
        let segment: StoredSegment

        init?(_ run: RunRecord) {
            guard let segment = StoredSegment(run) else { return nil }
            self.run = run
            self.segment = segment
        }
    }
}
