import Canary
import Testing

@Suite struct ClassificationTests {
    private let latency = CanaryMetric(name: "latency", source: .latency, direction: .higherIsWorse, tolerance: .relative(0.1))
    private let errors = CanaryMetric(name: "error_rate", source: .errorRate, direction: .higherIsWorse, tolerance: .absolute(0.01))
    private let pnl = CanaryMetric(name: "trading_pnl", source: .query(template: "x{{{group}}}"), direction: .lowerIsWorse,
                                   tolerance: .relative(0.1))

    /// `count` values spread evenly around `centre` (±5%), so the median is `centre`.
    private func around(_ centre: Double, count: Int = 200) -> [Double] {
        (0..<count).map { centre * (0.95 + 0.1 * Double($0) / Double(count - 1)) }
    }

    @Test func thirtyPercentSlowerIsWorse() {
        let comparison = MetricComparison.compare(latency, baseline: around(0.020), canary: around(0.026), alpha: 0.05)
        #expect(comparison.classification == .worse)
        #expect(abs(comparison.effect! - 0.3) < 0.01)
        #expect(comparison.pValue! < 1e-10)
    }

    @Test func aSignificantDifferenceWithinTheToleranceStillPasses() {
        // 3% slower over 2000 requests: very significant, and not worth a rollback.
        let comparison = MetricComparison.compare(latency, baseline: around(0.020, count: 2000), canary: around(0.0206, count: 2000),
                                                  alpha: 0.05)
        #expect(comparison.pValue! < 0.05)
        #expect(comparison.classification == .pass)
    }

    @Test func aLargeDifferenceThatIsNotSignificantPasses() {
        // Two points a side: no test can be sure of anything, however far apart.
        let comparison = MetricComparison.compare(latency, baseline: [0.010, 0.011], canary: [0.020, 0.022], alpha: 0.05)
        #expect(comparison.pValue! > 0.05)
        #expect(comparison.classification == .pass)
    }

    @Test func fasterBeyondTheToleranceIsBetter() {
        let comparison = MetricComparison.compare(latency, baseline: around(0.020), canary: around(0.014), alpha: 0.05)
        #expect(comparison.classification == .better)
    }

    @Test func aFallingProfitIsWorseWhenLowerIsWorse() {
        let comparison = MetricComparison.compare(pnl, baseline: around(100, count: 20), canary: around(70, count: 20), alpha: 0.05)
        #expect(comparison.classification == .worse)
        let rising = MetricComparison.compare(pnl, baseline: around(100, count: 20), canary: around(130, count: 20), alpha: 0.05)
        #expect(rising.classification == .better)
    }

    @Test func errorRateIsJudgedInPointsOnTheMean() {
        let none = Array(repeating: 0.0, count: 200)
        let fivePercent = Array(repeating: 1.0, count: 10) + Array(repeating: 0.0, count: 190)
        let comparison = MetricComparison.compare(errors, baseline: none, canary: fivePercent, alpha: 0.05)
        #expect(comparison.canary.centre == 0.05)
        #expect(comparison.effect == 0.05)
        #expect(comparison.classification == .worse)
        #expect(MetricComparison.compare(errors, baseline: none, canary: none, alpha: 0.05).classification == .pass)
    }

    @Test func aSideWithoutSamplesIsNoData() {
        let comparison = MetricComparison.compare(latency, baseline: [], canary: around(0.02), alpha: 0.05)
        #expect(comparison.classification == .noData)
        #expect(comparison.pValue == nil)
        #expect(comparison.canary.count == 200)
    }

    @Test func aRelativeChangeFromZeroIsInfinite() {
        #expect(CanaryTolerance.relative(0.1).effect(baseline: 0, canary: 1) == .infinity)
        #expect(CanaryTolerance.relative(0.1).effect(baseline: 0, canary: 0) == 0)
        #expect(CanaryTolerance.relative(0.1).effect(baseline: -10, canary: -12) == -0.2)
        #expect(CanaryTolerance.absolute(0.005).effect(baseline: 0.02, canary: 0.026) == 0.026 - 0.02)
    }
}
