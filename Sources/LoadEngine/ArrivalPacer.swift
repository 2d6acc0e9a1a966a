import CNet
import Foundation
import Glibc

/// One arrival of an open-model schedule: its number and when it is due.
public struct Arrival: Sendable, Equatable {
    /// The arrival's number in the test, from 0 (for a segment's schedule, its number among
    /// every segment's arrivals, so the segments' numbers tile the test's).
    public var index: Int
    /// When it is due (monotonic nanoseconds); latency counts from here.
    public var intendedNanoseconds: Int64
}

/// The open model's pacing for code that awaits (the scenario runner): a dedicated thread
/// waits on an `ArrivalTimer` armed at each arrival's intended instant, as the transport
/// threads do, and hands each arrival over when it is due. It ends at the schedule's end, or
/// at once when the run's `RunControl` stops.
public enum ArrivalPacer {
    /// The arrivals of `schedule` counted from `start` (monotonic nanoseconds), each yielded
    /// when due. Arrivals already due (a consumer that fell behind) come at once, with their
    /// own intended instants.
    public static func arrivals(of schedule: ArrivalSchedule, from start: Int64, control: RunControl) -> AsyncStream<Arrival> {
        let (stream, continuation) = AsyncStream.makeStream(of: Arrival.self)
        NamedThread.start("pk-arrivals") {
            pace(schedule, from: start, control: control) { continuation.yield($0) }
            continuation.finish()
        }
        return stream
    }

    /// Hands each arrival to `due` when it is due, until the schedule ends or a stop.
    private static func pace(_ schedule: ArrivalSchedule, from start: Int64, control: RunControl,
                             due: (Arrival) -> Void) {
        PromptWakeUps.requestForCurrentThread(arrivalsPerSecond: schedule.meanRate)
        let timer = ArrivalTimer()
        let wake = pk_eventfd_create()
        defer { if wake >= 0 { close(wake) } }
        let token = control.register { pk_eventfd_signal(wake) }
        defer { control.unregister(token) }
        var index = 0
        while !control.isStopping, let offset = schedule.offsetNanoseconds(ofArrival: index) {
            let intended = start + offset
            if intended <= MonotonicClock.now() {
                due(Arrival(index: schedule.testArrival(index), intendedNanoseconds: intended))
                index += 1
                continue
            }
            timer.arm(at: intended)
            var ready = [pollfd(fd: timer.descriptor, events: Int16(POLLIN), revents: 0),
                         pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            // The timeout only bounds a wait whose wake-up went missing; the timer or a stop
            // end it first.
            _ = poll(&ready, 2, 100)
            if ready[0].revents != 0 { timer.fired() }
            if ready[1].revents != 0 { pk_counter_drain(wake) }
        }
    }
}
