import Foundation

/// One segment run of a group as the store indexes it, without its histograms: enough to judge
/// whether a group is complete and to list it.
public struct StoredSegment: Sendable, Equatable {
    /// The run's id (nil before saving).
    public var runID: Int64?
    /// Version of the service under test.
    public var version: String
    /// Scenario name.
    public var scenario: String
    /// Endpoint or flow step.
    public var step: String
    /// The group and this run's share of it.
    public var group: RunGroupMembership
    /// How the run ended.
    public var status: RunStatus
    /// Wall-clock start.
    public var startedAt: Date

    /// Creates an index entry.
    public init(runID: Int64?, version: String, scenario: String, step: String, group: RunGroupMembership,
                status: RunStatus, startedAt: Date) {
        self.runID = runID
        self.version = version
        self.scenario = scenario
        self.step = step
        self.group = group
        self.status = status
        self.startedAt = startedAt
    }

    /// The entry of `record`; nil when it belongs to no group.
    public init?(_ record: RunRecord) {
        guard let group = record.group else { return nil }
        self.init(runID: record.id, version: record.version, scenario: record.scenario, step: record.step,
                  group: group, status: record.status, startedAt: record.startedAt)
    }

    /// The test a segment belongs to: its group's segments of one (version, scenario, step)
    /// merge into one run.
    public var key: GroupKey { GroupKey(id: group.id, version: version, scenario: scenario, step: step) }
}

/// One segmented test's (version, scenario, step): the segments stored under it read as one run.
public struct GroupKey: Sendable, Hashable {
    /// The group id.
    public var id: String
    /// Version of the service under test.
    public var version: String
    /// Scenario name.
    public var scenario: String
    /// Endpoint or flow step.
    public var step: String
}
