/// One judgment interval: every metric compared, and the interval's score.
public struct IntervalJudgment: Sendable, Equatable {
    /// The interval's number, from 1.
    public var number: Int
    /// Seconds since the canary started at which the interval began and ended.
    public var start: Double
    public var end: Double
    /// Each metric's comparison, in the order the metrics were given.
    public var comparisons: [MetricComparison]

    /// Creates a judgment.
    public init(number: Int, start: Double, end: Double, comparisons: [MetricComparison]) {
        self.number = number
        self.start = start
        self.end = end
        self.comparisons = comparisons
    }

    /// Kayenta's interval score, 0…100: the share of the metrics with data that pass or are
    /// better. nil when no metric had data (nothing was seen, so nothing is scored).
    public var score: Double? {
        let judged = comparisons.filter { $0.classification != .noData }
        guard !judged.isEmpty else { return nil }
        let good = judged.count { $0.classification == .pass || $0.classification == .better }
        return 100 * Double(good) / Double(judged.count)
    }
}
