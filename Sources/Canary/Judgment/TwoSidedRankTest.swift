import Regression

/// The Mann-Whitney U test, two-sided: do the canary's values tend to differ from the
/// baseline's, either way? Built on the gate's one-sided test (`MannWhitneyU`), so both judges
/// rank the same way: exact permutation p-values, ties included, while both sides hold at most
/// `MannWhitneyU.exactLimit` values (a few Prometheus points an interval), and the tie-corrected
/// normal approximation with continuity correction beyond (the probe's hundreds of requests),
/// where it agrees with scipy's `mannwhitneyu(..., method="asymptotic")`.
///
/// On 0/1 outcomes (the error rate) the exact test is Fisher's exact test and the approximation
/// the pooled two-proportion z-test: the classical test of two error rates, no separate code.
public enum TwoSidedRankTest {
    /// The two-sided p-value: twice the smaller one-sided tail, at most 1. Either side empty
    /// gives nil: there is nothing to compare.
    public static func pValue(baseline: [Double], canary: [Double]) -> Double? {
        guard !baseline.isEmpty, !canary.isEmpty else { return nil }
        let higher = MannWhitneyU.test(baseline: baseline, current: canary, direction: .higherIsWorse).pValue
        let lower = MannWhitneyU.test(baseline: baseline, current: canary, direction: .lowerIsWorse).pValue
        return min(1, 2 * min(higher, lower))
    }

    /// The smallest two-sided p-value `baselineCount` against `canaryCount` samples can give
    /// (complete separation): with fewer samples than it takes to go below alpha, every interval
    /// would pass whatever the canary did.
    public static func smallestPValue(baselineCount: Int, canaryCount: Int) -> Double {
        min(1, 2 * MannWhitneyU.smallestPValue(baselineCount: baselineCount, currentCount: canaryCount))
    }
}
