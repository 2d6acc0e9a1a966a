import Units

/// The completeness rule of a run group: its segments tile [0, 1) exactly (no gap, no
/// overlap, no segment twice) and none failed. Exact: shares are fractions, never floats.
public enum GroupCompleteness {
    /// What keeps `segments` (the runs of one `GroupKey`) from being one whole test, in the
    /// order of the test's shares, then duplicates, then failures; empty when complete.
    public static func problems(_ segments: [StoredSegment]) -> [GroupProblem] {
        var runsPerSegment: [ExecutionSegment: Int] = [:]
        for segment in segments { runsPerSegment[segment.group.segment, default: 0] += 1 }
        let distinct = runsPerSegment.keys.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        let shareCount = equalShareCount(distinct)

        var problems: [GroupProblem] = []
        // The segment reaching furthest so far; a later one starting before its end overlaps it.
        var reach: ExecutionSegment?
        for segment in distinct {
            let covered = reach?.end ?? .zero
            if segment.start > covered, let gap = ExecutionSegment(start: covered, end: segment.start) {
                problems.append(.missing(gap, equalShares: equalShareIndices(of: gap, shareCount: shareCount)))
            } else if let reached = reach, segment.start < covered {
                problems.append(.overlapping(reached, segment))
            }
            if segment.end > covered { reach = segment }
        }
        let covered = reach?.end ?? .zero
        if covered < .one, let gap = ExecutionSegment(start: covered, end: .one) {
            problems.append(.missing(gap, equalShares: equalShareIndices(of: gap, shareCount: shareCount)))
        }
        problems += distinct.compactMap { segment in
            runsPerSegment[segment]! > 1 ? .duplicated(segment, runs: runsPerSegment[segment]!) : nil
        }
        problems += segments.filter { $0.status == .failed }
            .sorted { ($0.group.segment.start, $0.runID ?? 0) < ($1.group.segment.start, $1.runID ?? 0) }
            .map { .failed($0.group.segment, runID: $0.runID) }
        return problems
    }

    /// n when every segment is 1/n wide (the group is `--segment i/n` for one n), else nil.
    static func equalShareCount(_ segments: [ExecutionSegment]) -> Int? {
        let counts = Set(segments.map { segment -> Int? in
            let width = difference(segment.end, segment.start)
            return width.numerator == 1 ? width.denominator : nil
        })
        guard counts.count == 1, let count = counts.first else { return nil }
        return count
    }

    /// The `i/n` names of the equal shares `gap` is made of, when its ends fall on the 1/n grid.
    static func equalShareIndices(of gap: ExecutionSegment, shareCount: Int?) -> [String] {
        guard let count = shareCount,
              let first = gridIndex(gap.start, count: count), let last = gridIndex(gap.end, count: count) else { return [] }
        return (first..<last).map { "\($0 + 1)/\(count)" }
    }

    /// k when `fraction` is k/count exactly.
    private static func gridIndex(_ fraction: Fraction, count: Int) -> Int? {
        let scaled = fraction.numerator * count
        return scaled % fraction.denominator == 0 ? scaled / fraction.denominator : nil
    }

    /// `larger − smaller` (both in [0, 1], denominators at most a million: no overflow).
    private static func difference(_ larger: Fraction, _ smaller: Fraction) -> (numerator: Int, denominator: Int) {
        let numerator = larger.numerator * smaller.denominator - smaller.numerator * larger.denominator
        let denominator = larger.denominator * smaller.denominator
        var (a, b) = (numerator, denominator)
        while b != 0 { (a, b) = (b, a % b) }
        let divisor = max(a, 1)
        return (numerator / divisor, denominator / divisor)
    }
}
