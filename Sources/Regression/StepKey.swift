/// A (scenario, step) pair: the unit rows are grouped by and versions are matched on.
struct StepKey: Hashable, Comparable {
    var scenario: String
    var step: String

    static func < (lhs: StepKey, rhs: StepKey) -> Bool {
        (lhs.scenario, lhs.step) < (rhs.scenario, rhs.step)
    }
}
