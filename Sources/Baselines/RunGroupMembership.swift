import Units

/// The segmented test a run is one share of: every process of the test stores its runs under
/// the same group id, each with its own segment, and a complete group reads as one run.
public struct RunGroupMembership: Codable, Sendable, Hashable {
    /// The group id (`--group`), shared by every segment of the test.
    public var id: String
    /// This run's share of the test.
    public var segment: ExecutionSegment

    /// Creates a membership.
    public init(id: String, segment: ExecutionSegment) {
        self.id = id
        self.segment = segment
    }
}
