import Foundation

/// Whether an observed change is more than noise: picks the test the data allow, runs it,
/// and says in plain words when it had to settle for less.
struct SignificanceCheck {
    /// The test used (or attempted, when `pValue` is nil).
    var test: SignificanceTest
    /// One-sided p-value; nil when there was too little data to test.
    var pValue: Double?
    /// Why a weaker test was used, or why none could be.
    var note: String?

    /// Tests whether current differs from baseline in `direction` ("current is worse" in that
    /// direction). Several runs each: Mann-Whitney U on the per-run values, as long as the
    /// sample sizes can reach `alpha` at all. Otherwise: bootstrap over the per-second values
    /// of all runs of each version (gathered only then: most comparisons never need them).
    init(baselineRuns: [Double], currentRuns: [Double], baselineSeconds: @autoclosure () -> [Double],
         currentSeconds: @autoclosure () -> [Double], direction: MetricDirection, alpha: Double) {
        let smallestP = MannWhitneyU.smallestPValue(baselineCount: baselineRuns.count,
                                                    currentCount: currentRuns.count)
        if baselineRuns.count >= 2, currentRuns.count >= 2, smallestP <= alpha {
            test = .mannWhitneyU
            pValue = MannWhitneyU.test(baseline: baselineRuns, current: currentRuns, direction: direction).pValue
            note = nil
            return
        }
        test = .bootstrap
        var reasons: [String] = []
        if max(baselineRuns.count, currentRuns.count) >= 2 {
            reasons.append(
                "too few runs for Mann-Whitney U: \(baselineRuns.count) vs \(currentRuns.count) runs cannot reach "
                + "p ≤ \(alpha) (smallest possible p \(String(format: "%.3f", smallestP))); "
                + "used a bootstrap over the per-second windows of all runs instead")
        }
        let baselineSeconds = baselineSeconds(), currentSeconds = currentSeconds()
        pValue = Bootstrap.pValue(baseline: baselineSeconds, current: currentSeconds, direction: direction)
        if pValue == nil {
            reasons.append(Self.tooLittleData(baseline: baselineSeconds.count, current: currentSeconds.count))
        }
        note = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }

    /// "too little data: 3 seconds in current (...)", naming each side that is short.
    private static func tooLittleData(baseline: Int, current: Int) -> String {
        let short = [("baseline", baseline), ("current", current)]
            .filter { $0.1 < Bootstrap.minimumSeconds }
            .map { "\($0.1) seconds in \($0.0)" }
        return "too little data: \(short.joined(separator: ", ")) "
            + "(the bootstrap needs at least \(Bootstrap.minimumSeconds) per version)"
    }
}
