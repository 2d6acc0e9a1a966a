/// How far the canary's value may move from the baseline's, in the bad direction, before a
/// statistically significant difference makes the metric worse (`--tolerance latency=10%`).
/// Without it, thousands of probe requests make a 1% difference significant; with it, the
/// judge fails only a difference that matters.
public enum CanaryTolerance: Sendable, Equatable, CustomStringConvertible {
    /// A share of the baseline's value: 0.1 lets the canary's median latency be 10% higher.
    case relative(Double)
    /// An amount in the metric's unit: seconds for latency, a proportion for the error rate
    /// (0.01 lets it be one percentage point higher), the query's own unit otherwise.
    case absolute(Double)

    /// The effect as this tolerance measures it: the canary's value less the baseline's, as a
    /// share of the baseline's magnitude (relative) or as it is (absolute). A relative change
    /// from a baseline of zero is infinite unless the canary is zero too.
    public func effect(baseline: Double, canary: Double) -> Double {
        let shift = canary - baseline
        switch self {
        case .absolute: return shift
        case .relative:
            guard baseline != 0 else { return shift == 0 ? 0 : shift > 0 ? .infinity : -.infinity }
            return shift / abs(baseline)
        }
    }

    /// The allowed move, as `effect` measures it.
    public var allowance: Double {
        switch self {
        case .relative(let share): share
        case .absolute(let amount): amount
        }
    }

    /// `10%`, or the absolute amount as a plain number.
    public var description: String {
        switch self {
        case .relative(let share): "\(trimmed(share * 100))%"
        case .absolute(let amount): trimmed(amount)
        }
    }
}

/// A number without a trailing `.0`, for flags echoed back.
func trimmed(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
}
