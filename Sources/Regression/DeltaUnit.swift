/// How a change between baseline and current is expressed, and so how its threshold is read.
public enum DeltaUnit: String, Codable, Sendable, CaseIterable {
    /// Relative change, percent of the baseline value (latency, throughput).
    case percent
    /// Absolute change in percentage points (error rate: 1% → 1.6% is +0.6 points), because a
    /// relative change of a rate near zero is meaningless (0.1% → 0.2% would be +100%).
    case points
}
