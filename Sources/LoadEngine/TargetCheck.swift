/// The outcome of one target, as numbers: what was required, what was measured, in which
/// unit. Summaries render the text (`<= 500ms`, `measured 412ms`) from these.
public struct TargetCheck: Sendable, Equatable {
    /// How the measured value must relate to the limit.
    public enum Comparison: Sendable, Equatable {
        /// At most the limit.
        case atMost
        /// At least the limit.
        case atLeast
        /// Within `tolerance` (a proportion of the limit) of the limit, either way.
        case within(tolerance: Double)
    }

    /// What the limit and the measured value count.
    public enum Unit: String, Sendable, Equatable {
        /// Milliseconds of latency.
        case milliseconds = "ms"
        /// Requests per second.
        case requestsPerSecond = "req/s"
        /// A proportion from 0 to 1 (an error rate, a share of checks).
        case ratio
    }

    /// Passed and total counts behind a ratio (the scenario checks that passed).
    public struct Tally: Sendable, Equatable {
        /// Those that passed.
        public var passed: Int
        /// All of them.
        public var total: Int

        /// A tally of `passed` out of `total`.
        public init(passed: Int, total: Int) {
            self.passed = passed
            self.total = total
        }
    }

    /// What is measured: `p95`, `error_rate`, `rate`, `checks`.
    public var name: String
    /// How `measured` must relate to `limit`.
    public var comparison: Comparison
    /// The limit, in `unit`.
    public var limit: Double
    /// The value the run measured, in `unit`; nil when there was nothing to measure (no responses).
    public var measured: Double?
    /// The unit of `limit` and `measured`.
    public var unit: Unit
    /// The counts behind a measured ratio, when it has some.
    public var tally: Tally?
    /// Whether the run met the target.
    public var passed: Bool

    /// A check; also for conditions on something other than a load measurement, such as the
    /// share of scenario checks that passed.
    public init(name: String, comparison: Comparison, limit: Double, measured: Double?, unit: Unit,
                tally: Tally? = nil, passed: Bool) {
        self.name = name
        self.comparison = comparison
        self.limit = limit
        self.measured = measured
        self.unit = unit
        self.tally = tally
        self.passed = passed
    }
}
