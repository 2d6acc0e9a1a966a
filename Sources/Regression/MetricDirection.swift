/// Which way a metric gets worse: latency and errors up, throughput down.
public enum MetricDirection: String, Codable, Sendable, CaseIterable {
    /// A larger value is worse (latency percentiles, mean latency, error rate).
    case higherIsWorse = "higher_is_worse"
    /// A smaller value is worse (throughput).
    case lowerIsWorse = "lower_is_worse"

    /// The opposite direction: testing "current is worse" in it tests "current is better" in this one.
    public var reversed: MetricDirection {
        switch self {
        case .higherIsWorse: .lowerIsWorse
        case .lowerIsWorse: .higherIsWorse
        }
    }

    /// Whether `current` is worse than `baseline` in this direction.
    public func isWorse(_ current: Double, than baseline: Double) -> Bool {
        switch self {
        case .higherIsWorse: current > baseline
        case .lowerIsWorse: current < baseline
        }
    }
}
