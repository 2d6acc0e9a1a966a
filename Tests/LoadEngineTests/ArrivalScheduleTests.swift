import LoadEngine
import Testing

@Suite struct ArrivalScheduleTests {
    @Test func constantRateSpacesArrivalsEvenly() {
        let schedule = ArrivalSchedule.constant(rate: 100, duration: .seconds(10))
        #expect(schedule.totalArrivals == 1000)
        #expect(schedule.offsetNanoseconds(ofArrival: 0) == 0)
        #expect(schedule.offsetNanoseconds(ofArrival: 1) == 10_000_000)
        #expect(schedule.offsetNanoseconds(ofArrival: 999) == 9_990_000_000)
        #expect(schedule.offsetNanoseconds(ofArrival: 1000) == nil)
        #expect(schedule.meanRate == 100)
    }

    @Test func fractionalRatesKeepMicrosecondPrecision() {
        let schedule = ArrivalSchedule.constant(rate: 3, duration: .seconds(1))
        #expect(schedule.totalArrivals == 3)
        #expect(schedule.offsetNanoseconds(ofArrival: 1) == 333_333_333)
    }

    @Test func rampReachesMaxRateAtEnd() {
        let schedule = ArrivalSchedule.ramp(from: 0, to: 200, over: .seconds(10))
        // Integral of a 0→200 ramp over 10 s is 1000 arrivals.
        #expect(schedule.totalArrivals == 1000)
        #expect(schedule.rate(atSecond: 0) == 0)
        #expect(abs(schedule.rate(atSecond: 9.999) - 200) < 0.1)
        // Half the arrivals fall in the last ~29% of the time: t = sqrt(500/10) = 7.07 s.
        let middle = Double(schedule.offsetNanoseconds(ofArrival: 500)!) / 1e9
        #expect(abs(middle - 50.0.squareRoot()) < 1e-6)
        // Gaps shrink as the rate climbs.
        let early = schedule.offsetNanoseconds(ofArrival: 11)! - schedule.offsetNanoseconds(ofArrival: 10)!
        let late = schedule.offsetNanoseconds(ofArrival: 991)! - schedule.offsetNanoseconds(ofArrival: 990)!
        #expect(early > late * 3)
    }

    @Test func rampThenHoldCountsBothParts() {
        let schedule = ArrivalSchedule.ramp(from: 1, to: 200, over: .seconds(300), hold: .seconds(60))
        // (1 + 200) / 2 * 300 + 200 * 60
        #expect(schedule.totalArrivals == 30_150 + 12_000)
        #expect(schedule.duration == .seconds(360))
        #expect(schedule.rate(atSecond: 330) == 200)
        let firstHoldArrival = schedule.offsetNanoseconds(ofArrival: 30_150)!
        #expect(firstHoldArrival == 300_000_000_000)
    }

    @Test func stagesMoveLinearlyBetweenTargets() {
        let schedule = ArrivalSchedule.stages(startRate: 0, [(.seconds(10), 100), (.seconds(10), 100), (.seconds(10), 0)])
        #expect(schedule.totalArrivals == 500 + 1000 + 500)
        #expect(schedule.rate(atSecond: 15) == 100)
        #expect(schedule.rate(atSecond: 25) == 50)
        // Arrival times never go backwards across stage boundaries.
        var previous: Int64 = -1
        for index in 0..<schedule.totalArrivals {
            let offset = schedule.offsetNanoseconds(ofArrival: index)!
            #expect(offset >= previous)
            previous = offset
        }
        #expect(previous < 30_000_000_000)
    }

    @Test func zeroRateStageSendsNothing() {
        let schedule = ArrivalSchedule.stages(startRate: 0, [(.seconds(5), 0), (.seconds(1), 0)])
        #expect(schedule.totalArrivals == 0)
        #expect(schedule.offsetNanoseconds(ofArrival: 0) == nil)
    }
}
