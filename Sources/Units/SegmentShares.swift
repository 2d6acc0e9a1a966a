/// One count of a test (connections, virtual users, iterations, arrivals) and the part of it
/// one segment takes.
public struct SegmentCount: Sendable, Equatable, Encodable {
    /// The whole test's count.
    public let whole: Int
    /// This segment's part.
    public let segment: Int
    /// Whether the exact share was 0 and the segment takes 1 anyway (a connection to send its
    /// arrivals on, a virtual user to run its iterations).
    public let raised: Bool

    /// A count of which the segment takes `segment`.
    public init(whole: Int, segment: Int, raised: Bool = false) {
        self.whole = whole
        self.segment = segment
        self.raised = raised
    }
}

extension SegmentOwnership {
    /// The segment's exact share of `count` things (`ExecutionSegment.share(of:)`); raised to 1
    /// when it is 0, for things without which the segment's other work could not be done.
    public func share(of count: Int, atLeastOne: Bool) -> SegmentCount {
        let exact = segment.share(of: count)
        return exact == 0 && atLeastOne && count > 0
            ? SegmentCount(whole: count, segment: 1, raised: true) : SegmentCount(whole: count, segment: exact)
    }
}

/// What one segment of a test takes of each of its counts; nil for counts the test does not
/// have (a closed model has no arrivals).
public struct SegmentShares: Sendable, Equatable, Encodable {
    public var arrivals: SegmentCount?
    public var iterations: SegmentCount?
    public var virtualUsers: SegmentCount?
    public var connections: SegmentCount?
    public var maxInFlight: SegmentCount?

    /// No counts yet.
    public init() {}

    /// The segment's exact part of what makes its request rate: its arrivals when a schedule
    /// paces the test, else its iterations, virtual users or connections; rate targets are
    /// judged on this part of the test's rate (1 when nothing is counted).
    public var rateShare: Double {
        guard let part = arrivals ?? iterations ?? virtualUsers ?? connections, part.whole > 0 else { return 1 }
        return Double(part.segment) / Double(part.whole)
    }

    /// One sentence per count raised to 1, for stderr: the segment sends a little more than
    /// its exact share of that count.
    public var raisedNotes: [String] {
        [("connections", connections), ("virtual users", virtualUsers), ("in-flight limit", maxInFlight)]
            .compactMap { name, count in
                guard let count, count.raised else { return nil }
                return "its exact share of the \(count.whole) \(name) is 0; it takes 1"
            }
    }
}

/// A segment that would send nothing: a bad split of the test, not a run.
public struct SegmentSplitError: Error, Equatable, CustomStringConvertible {
    /// The segment, `start:end`.
    public let segment: String
    /// What it owns none of, e.g. `arrivals`.
    public let what: String
    /// How many the whole test has.
    public let whole: Int

    /// The segment owns none of the test's `whole` `what`.
    public init(segment: ExecutionSegment, ownsNoneOf whole: Int, _ what: String) {
        self.segment = segment.description
        self.what = what
        self.whole = whole
    }

    public var description: String {
        "the segment \(segment) owns none of the test's \(whole) \(what): use fewer segments, or more \(what)"
    }
}
