import Foundation

/// Whether an observed change is more than run-to-run noise: picks the test the data allow,
/// runs it, and says in plain words what it rests on. The unit of replication is always the
/// run: seconds inside a run are never treated as independent samples.
struct SignificanceCheck {
    /// The test used; `.none` when nothing could be tested.
    var test: SignificanceTest
    /// One-sided p-value; nil when nothing could be tested.
    var pValue: Double?
    /// The noise estimate the t-test used, or that was looked for and not found (`.none`); nil
    /// for Mann-Whitney U, which needs none.
    var noise: RunToRunNoise?
    /// What the result rests on, when it is not plain Mann-Whitney U over enough runs.
    var note: String?

    /// Tests whether the current runs are worse than the baseline runs in `direction`
    /// ("worse" in that direction). Values are on the metric's test scale.
    ///
    /// - Several runs each and enough of them for Mann-Whitney U to reach `alpha`: the exact U
    ///   test, which assumes nothing about the distribution of run values.
    /// - Otherwise, with a run-to-run noise estimate: Student's t with that noise.
    /// - Otherwise: no test; the caller decides what an untestable change means.
    ///
    /// The step's p-values are corrected for its `familySize` metrics, so U is used only when it
    /// can reach alpha / familySize, the strictest level the correction may ask of it.
    init(baseline: [Double], current: [Double], noise: @autoclosure () -> RunToRunNoise,
         direction: MetricDirection, alpha: Double, familySize: Int) {
        let level = alpha / Double(max(familySize, 1))
        let smallestP = MannWhitneyU.smallestPValue(baselineCount: baseline.count, currentCount: current.count)
        if baseline.count >= 2, current.count >= 2, smallestP <= level {
            test = .mannWhitneyU
            pValue = MannWhitneyU.test(baseline: baseline, current: current, direction: direction).pValue
            self.noise = nil
            note = nil
            return
        }
        let noise = noise()
        self.noise = noise
        let needed = Self.runsForMannWhitney(alpha: level)
        guard let spread = noise.spread else {
            test = .none
            pValue = nil
            note = "no run-to-run noise estimate (\(baseline.count) vs \(current.count) runs, no history of this "
                + "step on this machine): a second run of either version gives one (perfkit gate records runs until "
                + "decided), \(needed) runs of each (--repeat \(needed)) allow Mann-Whitney U"
            return
        }
        test = .tTest
        let sign = direction == .higherIsWorse ? 1.0 : -1.0
        let difference = sign * (Self.mean(current) - Self.mean(baseline))
        let standardError = spread * (1 / Double(baseline.count) + 1 / Double(current.count)).squareRoot()
        pValue = StudentT.upperTail(difference / standardError, degreesOfFreedom: Double(noise.degreesOfFreedom))
        // With replicates on both sides, say why U was not used: a stricter alpha needs more runs.
        note = baseline.count >= 2 && current.count >= 2
            ? "Mann-Whitney U cannot reach p ≤ \(String(format: "%.4g", level)) (alpha \(alpha) over \(familySize) "
                + "metrics) with \(baseline.count) vs \(current.count) runs (\(needed) runs of each would); "
                + "Student's t on the runs' spread instead"
            : nil
    }

    /// Fewest runs per version with which Mann-Whitney U can reach `alpha` (3 at 0.05, 5 at 0.01).
    static func runsForMannWhitney(alpha: Double) -> Int {
        var runs = 2
        while MannWhitneyU.smallestPValue(baselineCount: runs, currentCount: runs) > alpha { runs += 1 }
        return runs
    }

    private static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }
}
