import Canary
import Testing

@Suite struct CanaryPlanTests {
    private func plan(duration: Duration, interval: Duration) -> CanaryPlan {
        CanaryPlan(metrics: [], criteria: .standard, duration: duration, interval: interval, probes: nil, groups: nil)
    }

    @Test func theDurationIsCutIntoIntervalsWithAShorterLastOne() {
        let intervals = plan(duration: .seconds(25), interval: .seconds(10)).intervals
        #expect(intervals.map(\.start) == [0, 10, 20])
        #expect(intervals.map(\.end) == [10, 20, 25])
        #expect(plan(duration: .seconds(7200), interval: .seconds(300)).intervals.count == 24)
    }

    @Test func rangeQueriesTakeAboutThirtyPointsAnIntervalAndNoFinerThanASecond() {
        #expect(plan(duration: .seconds(7200), interval: .seconds(300)).queryStep == 10)
        #expect(plan(duration: .seconds(40), interval: .seconds(10)).queryStep == 1)
    }

    @Test func theGroupReplacesThePlaceholder() {
        #expect(CanaryPlan.expression(#"sum(rate(x{{{group}},path="/"}[5s]))"#, group: #"version="v1""#)
            == #"sum(rate(x{version="v1",path="/"}[5s]))"#)
    }
}
