/// What `perfkit gate` does after comparing the runs recorded so far: stop with this
/// comparison's verdict, or record another run of the current version.
public enum GateDecision: Equatable, Sendable {
    /// Every row is decided, or a regression is confirmed by a test: the comparison stands.
    case decided
    /// Rows are still undecided but no more runs are allowed: the comparison stands, with these
    /// rows unsettled.
    case undecidedAtLimit([ComparisonRow])
    /// These rows could still be settled by another run.
    case recordAnother([ComparisonRow])
}

extension Comparison {
    /// The gate's decision after `round` of at most `maxRuns` runs. A regression confirmed by a
    /// test ends the gate at once, as the monitor stops at the first sustained breach; rows
    /// beyond their threshold and unconfirmed (`awaitsMoreRuns`) ask for another run.
    public func gateDecision(alpha: Double, round: Int, maxRuns: Int) -> GateDecision {
        let undecided = rows.filter { $0.awaitsMoreRuns(alpha: alpha) }
        let confirmed = regressions.contains { $0.test == .mannWhitneyU || $0.test == .tTest }
        if undecided.isEmpty || confirmed { return .decided }
        return round >= maxRuns ? .undecidedAtLimit(undecided) : .recordAnother(undecided)
    }
}
