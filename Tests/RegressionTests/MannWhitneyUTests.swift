import Regression
import Testing

@Suite struct MannWhitneyUTests {
    @Test func completeSeparationOfThreeAgainstThreeGivesExactlyOneTwentieth() {
        let outcome = MannWhitneyU.test(baseline: [10, 11, 12], current: [13, 14, 15], direction: .higherIsWorse)
        #expect(outcome.method == .exact)
        #expect(outcome.u == 9)
        #expect(outcome.pValue == 0.05)
    }

    @Test func completeSeparationOfFourAgainstFourGivesOneSeventieth() {
        let outcome = MannWhitneyU.test(baseline: [1, 2, 3, 4], current: [5, 6, 7, 8], direction: .higherIsWorse)
        #expect(abs(outcome.pValue - 1.0 / 70) < 1e-15)
    }

    @Test func exactPValueMatchesScipyForUnevenSamples() {
        // scipy.stats.mannwhitneyu(current, baseline, alternative="greater", method="exact"): U 25, p 0.0411255
        let outcome = MannWhitneyU.test(baseline: [1.1, 2.3, 3.5, 4.2, 5.9], current: [2.0, 4.5, 6.1, 7.3, 8.8, 9.0],
                                        direction: .higherIsWorse)
        #expect(outcome.method == .exact)
        #expect(outcome.u == 25)
        #expect(abs(outcome.pValue - 0.04112554112554113) < 1e-12)
    }

    @Test func identicalSamplesGiveNoEvidence() {
        let outcome = MannWhitneyU.test(baseline: [4, 5, 6], current: [4, 5, 6], direction: .higherIsWorse)
        #expect(outcome.pValue >= 0.5)
    }

    @Test func allValuesTiedGivesPOfOne() {
        #expect(MannWhitneyU.test(baseline: [0, 0, 0], current: [0, 0, 0], direction: .higherIsWorse).pValue == 1)
    }

    @Test func lowerIsWorseTestsTheOtherTail() {
        let slower = MannWhitneyU.test(baseline: [100, 101, 102], current: [70, 71, 72], direction: .lowerIsWorse)
        #expect(slower.pValue == 0.05)
        let faster = MannWhitneyU.test(baseline: [100, 101, 102], current: [70, 71, 72], direction: .higherIsWorse)
        #expect(faster.pValue == 1)
    }

    @Test func tiedSmallSamplesAreExactNotApproximated() {
        // The example: throughput [100,100,95,95] vs [95,95,90,90]. The normal
        // approximation said 0.043, below anything the exact test can give here.
        let outcome = MannWhitneyU.test(baseline: [100, 100, 95, 95], current: [95, 95, 90, 90],
                                        direction: .lowerIsWorse)
        #expect(outcome.method == .exact)
        #expect(abs(outcome.pValue - 6.0 / 70) < 1e-12)
    }

    /// Small cases with and without ties, both directions, against an enumeration of every
    /// way of choosing the current sample from the pooled values.
    @Test(arguments: [
        ([1.1, 2.3, 3.5, 4.2, 5.9], [2.0, 4.5, 6.1, 7.3, 8.8, 9.0]),
        ([1, 2, 3, 4, 5, 5], [3, 4, 5, 6, 7, 7]),
        ([100, 100, 95, 95], [95, 95, 90, 90]),
        ([0, 0, 0, 0.5], [0, 0.5, 1.5]),
        ([3, 3, 3], [3, 3, 4]),
        ([5], [5, 6, 7, 7, 7]),
        ([10, 10, 12, 12, 12, 14], [10, 12, 14, 14, 16, 16, 16]),
        ([2.5, 1, 4, 4, 9, 2.5, 7, 7], [4, 4, 8, 9, 9, 10]),
        ([1, 2, 3], [1, 2, 3]),
        ([7, 7, 7, 7, 7], [7, 7, 7]),
    ] as [([Double], [Double])])
    func exactPValueEqualsTheEnumeratedPermutationTest(baseline: [Double], current: [Double]) {
        for direction in [MetricDirection.higherIsWorse, .lowerIsWorse] {
            let outcome = MannWhitneyU.test(baseline: baseline, current: current, direction: direction)
            let enumerated = enumeratedPValue(baseline: baseline, current: current, direction: direction)
            #expect(outcome.method == .exact)
            #expect(abs(outcome.pValue - enumerated) < 1e-9, "\(direction): \(outcome.pValue) vs \(enumerated)")
        }
    }

    /// The same kind of table against SciPy 1.x: `permutation_test((current, baseline),
    /// mannwhitneyu statistic, permutation_type="independent", n_resamples=inf)`, alternative
    /// "greater" (higher is worse) and "less" (lower is worse).
    @Test(arguments: [
        ([1.1, 2.3, 3.5, 4.2, 5.9], [2.0, 4.5, 6.1, 7.3, 8.8, 9.0], 0.041125541125541128, 0.97402597402597402),
        ([1, 2, 3, 4, 5, 5], [3, 4, 5, 6, 7, 7], 0.048701298701298704, 0.97077922077922074),
        ([100, 100, 95, 95], [95, 95, 90, 90], 1, 0.085714285714285715),
        ([0, 0, 0, 0.5], [0, 0.5, 1.5], 0.25714285714285712, 0.97142857142857142),
        ([3, 3, 3], [3, 3, 4], 0.5, 1),
        ([10, 10, 12, 12, 12, 14], [10, 12, 14, 14, 16, 16, 16], 0.053030303030303032, 0.97494172494172493),
        ([2.5, 1, 4, 4, 9, 2.5, 7, 7], [4, 4, 8, 9, 9, 10], 0.035964035964035967, 0.97402597402597402),
        ([1, 2, 3], [1, 2, 3], 0.69999999999999996, 0.69999999999999996),
        ([4, 4, 5, 6], [5, 6, 6, 7, 7], 0.055555555555555552, 0.99206349206349209),
    ] as [([Double], [Double], Double, Double)])
    func exactPValueEqualsScipysPermutationTest(baseline: [Double], current: [Double], higher: Double, lower: Double) {
        let worseWhenHigher = MannWhitneyU.test(baseline: baseline, current: current, direction: .higherIsWorse)
        let worseWhenLower = MannWhitneyU.test(baseline: baseline, current: current, direction: .lowerIsWorse)
        #expect(abs(worseWhenHigher.pValue - higher) < 1e-9)
        #expect(abs(worseWhenLower.pValue - lower) < 1e-9)
    }

    /// P(U ≥ observed U) over all C(n+m, m) equally likely splits of the pooled values, U
    /// counting current-above-baseline pairs with ties as one half (so no ranks are involved).
    private func enumeratedPValue(baseline: [Double], current: [Double], direction: MetricDirection) -> Double {
        let sign = direction == .higherIsWorse ? 1.0 : -1.0
        let pooled = (baseline + current).map { $0 * sign }
        func u(_ chosen: [Int]) -> Double {
            let chosenSet = Set(chosen)
            var total = 0.0
            for i in chosen {
                for j in pooled.indices where !chosenSet.contains(j) {
                    total += pooled[i] > pooled[j] ? 1 : pooled[i] == pooled[j] ? 0.5 : 0
                }
            }
            return total
        }
        let observed = u(Array(baseline.count..<pooled.count))
        var atLeast = 0, total = 0
        func choose(from start: Int, _ chosen: [Int]) {
            if chosen.count == current.count {
                total += 1
                if u(chosen) >= observed - 1e-12 { atLeast += 1 }
                return
            }
            guard start < pooled.count else { return }
            for index in start..<pooled.count { choose(from: index + 1, chosen + [index]) }
        }
        choose(from: 0, [])
        return Double(atLeast) / Double(total)
    }

    @Test func largeSamplesUseTheNormalApproximation() {
        // scipy: 40 vs 40, current shifted by 5.5 → U 1005, p 0.0245454
        let baseline = (1...40).map(Double.init)
        let outcome = MannWhitneyU.test(baseline: baseline, current: baseline.map { $0 + 5.5 },
                                        direction: .higherIsWorse)
        #expect(outcome.method == .normalApproximation)
        #expect(outcome.u == 1005)
        #expect(abs(outcome.pValue - 0.024545402354819) < 1e-9)
    }

    @Test func thirtyRunsEachStillEnumerateExactly() {
        let baseline = (0..<30).map { Double($0) * 2 }
        let outcome = MannWhitneyU.test(baseline: baseline, current: baseline.map { $0 + 61 },
                                        direction: .higherIsWorse)
        #expect(outcome.method == .exact)
        #expect(outcome.pValue > 0 && outcome.pValue < 1e-16)
    }

    @Test func smallestAchievablePValueShowsWhenRunsAreTooFew() {
        #expect(abs(MannWhitneyU.smallestPValue(baselineCount: 2, currentCount: 2) - 1.0 / 6) < 1e-15)
        #expect(MannWhitneyU.smallestPValue(baselineCount: 3, currentCount: 3) == 0.05)
        #expect(abs(MannWhitneyU.smallestPValue(baselineCount: 1, currentCount: 5) - 1.0 / 6) < 1e-15)
    }
}
