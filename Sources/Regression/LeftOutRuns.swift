import Baselines

/// Runs of a version that were not compared because they did not complete.
public struct LeftOutRuns: Codable, Equatable, Sendable {
    /// The version they belong to.
    public var version: String
    /// How they ended (`interrupted` or `failed`).
    public var status: RunStatus
    /// How many.
    public var count: Int

    /// Creates a tally.
    public init(version: String, status: RunStatus, count: Int) {
        self.version = version
        self.status = status
        self.count = count
    }
}
