import LoadEngine
import Synchronization
import Testing

/// The open model's pacing as the scenario runner awaits it.
@Suite(.timeLimit(.minutes(1)))
struct ArrivalPacerTests {
    @Test func handsOverEveryArrivalNoEarlierThanDue() async {
        let schedule = ArrivalSchedule.constant(rate: 200, duration: .milliseconds(500))
        let start = MonotonicClock.now()
        var received: [Arrival] = []
        for await arrival in ArrivalPacer.arrivals(of: schedule, from: start, control: RunControl()) {
            #expect(MonotonicClock.now() >= arrival.intendedNanoseconds, "arrival \(arrival.index) came early")
            received.append(arrival)
        }
        #expect(received.map(\.index) == Array(0..<schedule.totalArrivals))
        #expect(received.map(\.intendedNanoseconds) == received.map { start + schedule.offsetNanoseconds(ofArrival: $0.index)! })
    }

    @Test func endsAtOnceOnStop() async {
        // One arrival a minute: without the stop waking the pacer it would wait for the next.
        let schedule = ArrivalSchedule.constant(rate: 1.0 / 60, duration: .seconds(600))
        let control = RunControl()
        let start = MonotonicClock.now()
        var received = 0
        for await _ in ArrivalPacer.arrivals(of: schedule, from: start, control: control) {
            received += 1
            control.requestStop()
        }
        #expect(received == 1)
        #expect(MonotonicClock.now() - start < 10_000_000_000, "the stop ended the wait for the next arrival")
    }

    @Test func aStopRaisesOnceAndWakesEachWaiter() {
        let control = RunControl()
        let woken = WakeCount()
        let token = control.register { woken.add() }
        #expect(control.requestStop())
        #expect(!control.requestStop())
        #expect(control.requestImmediateStop())
        control.unregister(token)
        #expect(!control.requestImmediateStop())
        #expect(woken.value == 2)
        #expect(control.isStopping && control.isStoppingImmediately)
    }
}

private final class WakeCount: Sendable {
    private let count = Atomic<Int>(0)
    func add() { count.wrappingAdd(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}
