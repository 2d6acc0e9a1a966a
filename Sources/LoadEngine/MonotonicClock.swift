import CNet

/// The one clock every timestamp in a run is read from: CLOCK_MONOTONIC in nanoseconds,
/// the same clock the transport's timerfd is armed against.
enum MonotonicClock {
    @inline(__always)
    static func now() -> Int64 { pk_monotonic_ns() }
}
