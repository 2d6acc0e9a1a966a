import Testing

@testable import DemoTarget

@Suite("Stall schedule")
struct StallScheduleTests {
    let schedule = StallSchedule(every: .seconds(10), lasting: .seconds(2))

    @Test func nothingIsHeldBeforeTheFirstPeriod() {
        #expect(schedule.release(.seconds(9)) == .seconds(9))
    }

    @Test func responseDueInsideAWindowIsReleasedAtItsEnd() {
        #expect(schedule.release(.seconds(10)) == .seconds(12))
        #expect(schedule.release(.milliseconds(21_500)) == .seconds(22))
    }

    @Test func responseDueBetweenWindowsIsNotHeld() {
        #expect(schedule.release(.seconds(12)) == .seconds(12))
        #expect(schedule.release(.seconds(19)) == .seconds(19))
    }
}
