import CNet

/// The one clock every timestamp in a run is read from: CLOCK_MONOTONIC in nanoseconds,
/// the same clock the transport's timerfd is armed against.
public enum MonotonicClock {
    /// Now, in nanoseconds. Inlinable: read several times per request on the hot path.
    @inlinable @inline(__always)
    public static func now() -> Int64 { pk_monotonic_ns() }
}
