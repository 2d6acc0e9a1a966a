import Canary
import Testing

@Suite struct ScoringTests {
    private func comparison(_ name: String, _ classification: CanaryClassification) -> MetricComparison {
        MetricComparison(metric: CanaryMetric(name: name, source: .latency, direction: .higherIsWorse, tolerance: .relative(0.1)),
                         baseline: SideSummary(count: 1, centre: 1), canary: SideSummary(count: 1, centre: 1),
                         pValue: 1, effect: 0, classification: classification)
    }

    private func interval(_ number: Int, _ classifications: [CanaryClassification]) -> IntervalJudgment {
        IntervalJudgment(number: number, start: Double(number - 1) * 10, end: Double(number) * 10,
                         comparisons: classifications.enumerated().map { comparison("m\($0.offset)", $0.element) })
    }

    @Test func theScoreIsTheShareOfMetricsWithDataThatPassOrAreBetter() {
        #expect(interval(1, [.pass, .better, .worse]).score! == 200.0 / 3)
        #expect(interval(1, [.pass, .noData]).score == 100)
        #expect(interval(1, [.worse, .noData]).score == 0)
        #expect(interval(1, [.noData, .noData]).score == nil)
    }

    @Test func anIntervalUnderTheFailScoreRollsBackAtOnce() {
        var board = CanaryScoreboard(criteria: .standard)
        #expect(board.record(interval(1, [.pass, .pass])) == nil)
        #expect(board.record(interval(2, [.pass, .worse])) == .rollback(interval: 2, score: 50))
        #expect(board.runningScore == 75)
    }

    @Test func oneWorseMetricOfThreeRollsBackWithTheDefaultScores() {
        var board = CanaryScoreboard(criteria: .standard)
        #expect(board.record(interval(1, [.pass, .pass, .worse])) != nil)
    }

    @Test func theEndPromotesAtThePassScoreAndIsMarginalBelow() {
        var board = CanaryScoreboard(criteria: CanaryCriteria(alpha: 0.05, failScore: 50, passScore: 95))
        _ = board.record(interval(1, [.pass, .pass]))
        #expect(board.finalVerdict == .promote(score: 100))
        _ = board.record(interval(2, [.pass, .worse]))
        #expect(board.finalVerdict == .marginal(score: 75))
    }

    @Test func intervalsWithoutDataDoNotCountAndNothingSeenDoesNotPromote() {
        var board = CanaryScoreboard(criteria: .standard)
        #expect(board.record(interval(1, [.noData])) == nil)
        #expect(board.finalVerdict == .marginal(score: nil))
        _ = board.record(interval(2, [.pass]))
        #expect(board.runningScore == 100)
        #expect(board.finalVerdict.promotes)
    }
}
