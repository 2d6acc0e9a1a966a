import Canary
import Testing

/// Two-sided p-values against scipy 1.17 (`scipy.stats.mannwhitneyu(canary, baseline,
/// alternative="two-sided", ...)`, or `fisher_exact` for 0/1 outcomes), computed once and
/// written here.
@Suite struct TwoSidedRankTestTests {
    @Test func exactPValueOfSmallSamplesMatchesScipy() throws {
        // method="exact": 0.08225108225108226
        let p = try #require(TwoSidedRankTest.pValue(baseline: [1.1, 2.3, 3.5, 4.2, 5.9], canary: [2.0, 4.5, 6.1, 7.3, 8.8, 9.0]))
        #expect(abs(p - 0.08225108225108226) < 1e-12)
    }

    @Test func tieCorrectedNormalApproximationMatchesScipy() throws {
        // numpy default_rng(7) normals rounded to 0.1 (so with ties), 40 against 45;
        // method="asymptotic", use_continuity=True: 6.511723172280284e-06
        let baseline: [Double] = [20.0, 20.6, 19.5, 18.2, 19.1, 18.0, 20.1, 22.7, 19.0, 18.8, 21.0, 20.7, 20.2, 18.1, 19.9, 21.4,
                                  17.3, 19.1, 16.2, 17.4, 16.3, 19.5, 17.5, 20.5, 20.3, 19.6, 15.0, 18.9, 19.9, 20.2, 16.9, 19.0,
                                  18.0, 18.4, 22.1, 18.4, 19.9, 21.8, 18.8, 19.8]
        let canary: [Double] = [21.2, 21.1, 18.5, 21.2, 23.7, 17.9, 22.7, 21.2, 19.7, 25.0, 22.5, 18.6, 21.1, 22.2, 20.6, 22.4, 20.9,
                                22.3, 23.9, 19.6, 21.4, 20.1, 21.3, 18.6, 19.8, 20.6, 22.8, 23.3, 18.4, 19.4, 22.3, 17.0, 20.1,
                                20.8, 23.5, 22.4, 20.3, 20.3, 20.5, 24.0, 20.1, 20.4, 21.7, 20.8, 20.6]
        let p = try #require(TwoSidedRankTest.pValue(baseline: baseline, canary: canary))
        #expect(abs(p - 6.511723172280284e-06) / 6.511723172280284e-06 < 1e-9)
    }

    @Test func errorOutcomesGiveTheTwoProportionTest() throws {
        // 10 failures in 200 against none in 200; method="asymptotic": 0.0013888510474634283
        let p = try #require(TwoSidedRankTest.pValue(baseline: Array(repeating: 0, count: 200),
                                                     canary: Array(repeating: 1, count: 10) + Array(repeating: 0, count: 190)))
        #expect(abs(p - 0.0013888510474634283) < 1e-12)
    }

    @Test func fewErrorOutcomesGiveFishersExactTest() throws {
        // 3 of 10 against 0 of 10: twice fisher_exact(alternative="greater"), 0.21052631578947367
        let p = try #require(TwoSidedRankTest.pValue(baseline: Array(repeating: 0, count: 10),
                                                     canary: [1, 1, 1] + Array(repeating: 0, count: 7)))
        #expect(abs(p - 0.21052631578947367) < 1e-12)
    }

    @Test func theTestIsSymmetric() throws {
        let a: [Double] = [1, 2, 3, 4, 5, 6], b: [Double] = [4, 5, 6, 7, 8, 9, 10]
        #expect(TwoSidedRankTest.pValue(baseline: a, canary: b) == TwoSidedRankTest.pValue(baseline: b, canary: a))
    }

    @Test func allValuesTiedGiveNoEvidence() {
        #expect(TwoSidedRankTest.pValue(baseline: [0, 0, 0, 0], canary: [0, 0, 0]) == 1)
    }

    @Test func anEmptySideHasNoPValue() {
        #expect(TwoSidedRankTest.pValue(baseline: [], canary: [1, 2]) == nil)
        #expect(TwoSidedRankTest.pValue(baseline: [1, 2], canary: []) == nil)
    }
}

@Suite struct SmallestPValueTests {
    @Test func threeAgainstThreeCanNeverReachFivePercentTwoSided() {
        #expect(TwoSidedRankTest.smallestPValue(baselineCount: 3, canaryCount: 3) == 0.1)
        #expect(TwoSidedRankTest.smallestPValue(baselineCount: 4, canaryCount: 4) < 0.05)
        #expect(TwoSidedRankTest.smallestPValue(baselineCount: 1, canaryCount: 1) == 1)
    }
}
