/// Whether an open-model thread sleeping until its next arrival may sleep through the responses
/// that come meanwhile, and read them when it wakes for the arrival.
///
/// Above 5,000 arrivals/s per thread, the timer slack (`PromptWakeUps`) already lets a send
/// start up to 200 µs late so that nearby arrivals share a wake-up; woken for every response
/// in between, the thread still switched in and out about once per two requests, and that
/// switching was most of why it spent 1.3–1.4× wrk2's CPU per request at 46k requests/s. A
/// response waiting for the arrival's wake-up is read at most twice the slack late (its
/// latency reads that much higher; wrk2's ticks are a millisecond), and keeps its connection
/// busy meanwhile: only while half the connections are idle, so that a burst of slow responses
/// never leaves arrivals waiting for a connection for the sake of fewer wake-ups.
enum ResponseBatching {
    /// Whether responses may wait for the wake-up of an arrival due in `nextArrivalIn`
    /// nanoseconds, with `timerSlack` nanoseconds of slack and `idleSlots` of `slots` idle.
    static func responsesMayWait(nextArrivalIn: Int64, timerSlack: Int64, idleSlots: Int, slots: Int) -> Bool {
        nextArrivalIn <= timerSlack && 2 * idleSlots >= slots
    }
}
