import Baselines

/// The run groups of one (version, scenario) as `baselines list` shows them: how many, of how
/// many segments, and which are incomplete and why.
struct GroupListing {
    /// The segment count (per step) of each complete group.
    let completeSegmentCounts: [Int]
    /// The incomplete groups and why (one entry per group and set of problems).
    let incomplete: [IncompleteGroup]

    /// The groups among `segments` (those of one version and scenario), judged by the group
    /// rule; a group is complete only when every step of it is.
    init(_ segments: [StoredSegment]) {
        var incomplete: [IncompleteGroup] = []
        var complete: [(id: String, segments: Int)] = []
        for (key, members) in segments.groupedInOrder(by: \.key) {
            let problems = GroupCompleteness.problems(members)
            if !problems.isEmpty {
                incomplete.record(key, segments: members, problems: problems)
            } else if !complete.contains(where: { $0.id == key.id }) {
                complete.append((key.id, members.count))
            }
        }
        let incompleteIDs = Set(incomplete.map(\.id))
        completeSegmentCounts = complete.filter { !incompleteIDs.contains($0.id) }.map(\.segments)
        self.incomplete = incomplete
    }

    /// `-`, `1 of 4 segments`, `2 of 4 segments, 1 incomplete`, `3 of 2-4 segments`.
    var cell: String {
        var parts: [String] = []
        if let fewest = completeSegmentCounts.min(), let most = completeSegmentCounts.max() {
            let range = fewest == most ? "\(fewest)" : "\(fewest)-\(most)"
            parts.append("\(completeSegmentCounts.count) of \(range) segment\(most == 1 ? "" : "s")")
        }
        let incompleteGroups = Set(incomplete.map(\.id)).count
        if incompleteGroups > 0 { parts.append("\(incompleteGroups) incomplete") }
        return parts.isEmpty ? "-" : parts.joined(separator: ", ")
    }
}
