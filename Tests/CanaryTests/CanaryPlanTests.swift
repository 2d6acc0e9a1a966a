import Canary
import LoadEngine
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

    @Test func anIntervalGivesRateTimesLengthRequestsAndAPointPerStepPlusOne() throws {
        let probe = LoadPlan(request: RequestSpec(url: "http://127.0.0.1:1/"),
                             model: .open(.constant(rate: 20, duration: .seconds(60)), maxInFlight: 100))
        let query = CanaryMetric(name: "q", source: .query(template: "q{{{group}}}"), direction: .higherIsWorse,
                                 tolerance: .relative(0.1))
        let plan = CanaryPlan(metrics: [query], criteria: .standard, duration: .seconds(60), interval: .seconds(10),
                              probes: .init(baseline: probe, canary: probe), groups: .init(baseline: "a", canary: "b"))
        #expect(plan.samplesPerInterval.probe == 200)
        #expect(plan.samplesPerInterval.query == 11)
    }
}
