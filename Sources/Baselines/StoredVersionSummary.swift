import Foundation

/// What the store holds for one (version, scenario): enough to list baselines without
/// loading a single histogram.
public struct StoredVersionSummary: Sendable, Equatable {
    /// Version of the service under test.
    public var version: String
    /// Scenario name.
    public var scenario: String
    /// Runs stored.
    public var runCount: Int
    /// Start of the earliest run.
    public var firstStartedAt: Date
    /// Start of the latest run.
    public var lastStartedAt: Date
    /// Runs by how they ended; every status is present, possibly with 0.
    public var runsByStatus: [RunStatus: Int]

    /// Creates a summary.
    public init(version: String, scenario: String, runCount: Int, firstStartedAt: Date, lastStartedAt: Date,
                runsByStatus: [RunStatus: Int]) {
        self.version = version
        self.scenario = scenario
        self.runCount = runCount
        self.firstStartedAt = firstStartedAt
        self.lastStartedAt = lastStartedAt
        self.runsByStatus = runsByStatus
    }
}
