import Foundation

/// How much one run's value of a metric moves between runs of the same version on the same
/// machine: the variation a difference between two versions has to rise above. Seconds inside
/// one run cannot show it (they share the run's process, caches and neighbours), so it is
/// estimated only from whole runs: replicated runs of the compared versions, and the store's
/// history of the step on the baseline's machine.
public struct RunToRunNoise: Codable, Equatable, Sendable {
    /// Where the estimate came from.
    public enum Source: String, Codable, Sendable {
        /// Replicated runs of the two compared versions.
        case comparedRuns = "compared_runs"
        /// Runs of other versions of the step on the baseline's machine.
        case history
        /// Both of the above.
        case comparedRunsAndHistory = "compared_runs_and_history"
        /// Nothing to estimate it from: one run each and no history.
        case none

        /// In words, for reports: "the compared runs", "history", "the compared runs and history".
        public var description: String {
            switch self {
            case .comparedRuns: "the compared runs"
            case .history: "the store's history"
            case .comparedRunsAndHistory: "the compared runs and the store's history"
            case .none: "nothing"
            }
        }
    }

    /// Where the estimate came from.
    public var source: Source
    /// Standard deviation of one run's value on the metric's test scale: of the natural log of
    /// the value for metrics compared in percent (so 0.05 is about 5%), in percentage points for
    /// the error rate; nil when there is no estimate.
    public var spread: Double?
    /// Degrees of freedom of `spread`: independent comparisons between runs behind it.
    public var degreesOfFreedom: Int
    /// Runs that contributed.
    public var runs: Int
    /// Versions those runs belong to.
    public var versions: Int

    /// No estimate.
    public static let none = RunToRunNoise(source: .none, spread: nil, degreesOfFreedom: 0, runs: 0, versions: 0)

    /// Creates an estimate.
    public init(source: Source, spread: Double?, degreesOfFreedom: Int, runs: Int, versions: Int) {
        self.source = source
        self.spread = spread
        self.degreesOfFreedom = degreesOfFreedom
        self.runs = runs
        self.versions = versions
    }

    private enum CodingKeys: String, CodingKey {
        case source, spread, runs, versions
        case degreesOfFreedom = "degrees_of_freedom"
    }

    /// Encodes every key, an absent spread as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(spread, forKey: .spread)
        try container.encode(degreesOfFreedom, forKey: .degreesOfFreedom)
        try container.encode(runs, forKey: .runs)
        try container.encode(versions, forKey: .versions)
    }
}

extension RunToRunNoise {
    /// One version's values of the metric on the test scale, in the order the runs started.
    struct VersionValues {
        var values: [Double]
    }

    /// The pooled estimate. Versions with several runs add their spread around their own mean
    /// (n - 1 degrees of freedom each). Consecutive history versions measured once add half the
    /// square of their difference (one degree of freedom each): that also counts any real
    /// change between those versions, so it errs towards more noise, never less.
    /// `floor` keeps a spread of exactly zero (error rates of 0 in every run) from making any
    /// difference infinitely significant.
    static func estimate(compared: [VersionValues], history: [VersionValues], floor: Double) -> RunToRunNoise {
        var sumOfSquares = 0.0
        var degreesOfFreedom = 0
        var runs = 0
        var versions = 0
        var fromCompared = false
        var fromHistory = false
        func addReplicates(_ version: VersionValues) -> Bool {
            guard version.values.count >= 2 else { return false }
            let mean = version.values.reduce(0, +) / Double(version.values.count)
            sumOfSquares += version.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            degreesOfFreedom += version.values.count - 1
            runs += version.values.count
            versions += 1
            return true
        }
        for version in compared where addReplicates(version) { fromCompared = true }
        var previousSingle: Double?
        for version in history {
            if addReplicates(version) {
                fromHistory = true
            } else if let value = version.values.first {
                runs += 1
                versions += 1
                if let previous = previousSingle {
                    sumOfSquares += (value - previous) * (value - previous) / 2
                    degreesOfFreedom += 1
                    fromHistory = true
                }
                previousSingle = value
            }
        }
        guard degreesOfFreedom > 0 else { return .none }
        let source: Source = fromCompared ? (fromHistory ? .comparedRunsAndHistory : .comparedRuns) : .history
        let spread = max((sumOfSquares / Double(degreesOfFreedom)).squareRoot(), floor)
        return RunToRunNoise(source: source, spread: spread, degreesOfFreedom: degreesOfFreedom, runs: runs,
                             versions: versions)
    }
}
