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

    @Test func tiesUseTheNormalApproximationWithTieCorrection() {
        // scipy: mannwhitneyu(current, baseline, alternative="greater", method="asymptotic") → p 0.0443489
        let outcome = MannWhitneyU.test(baseline: [1, 2, 3, 4, 5, 5], current: [3, 4, 5, 6, 7, 7],
                                        direction: .higherIsWorse)
        #expect(outcome.method == .normalApproximation)
        #expect(outcome.u == 29)
        #expect(abs(outcome.pValue - 0.04434890728439566) < 1e-9)
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
