/// How much data stood behind a row: completed runs with a value, and per-second windows.
public struct SampleCounts: Codable, Equatable, Sendable {
    /// Baseline runs that gave the metric a value.
    public var baselineRuns: Int
    /// Current runs that gave the metric a value.
    public var currentRuns: Int
    /// Seconds with a value across all baseline runs.
    public var baselineSeconds: Int
    /// Seconds with a value across all current runs.
    public var currentSeconds: Int

    /// Creates counts.
    public init(baselineRuns: Int, currentRuns: Int, baselineSeconds: Int, currentSeconds: Int) {
        self.baselineRuns = baselineRuns
        self.currentRuns = currentRuns
        self.baselineSeconds = baselineSeconds
        self.currentSeconds = currentSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case baselineRuns = "baseline_runs"
        case currentRuns = "current_runs"
        case baselineSeconds = "baseline_seconds"
        case currentSeconds = "current_seconds"
    }
}
