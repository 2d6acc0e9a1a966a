import CNet
import Glibc

/// A timerfd armed at the next intended send: a file descriptor a poll can wait on, firing at
/// an absolute CLOCK_MONOTONIC instant with nanosecond resolution. Closed when deinitialised.
public final class ArrivalTimer {
    /// The timerfd, readable once the armed instant has come.
    public let descriptor: Int32 = pk_timer_create()
    private var armedAt: Int64 = 0

    /// A disarmed timer.
    public init() {}

    /// Arms the timer at `instant`, or disarms it for nil; nothing when already so armed.
    public func arm(at instant: Int64?) {
        guard let instant else {
            if armedAt != 0 { pk_timer_disarm(descriptor); armedAt = 0 }
            return
        }
        guard instant != armedAt else { return }
        pk_timer_arm_at(descriptor, instant)
        armedAt = instant
    }

    /// Reads the expiration so the descriptor stops being readable.
    public func fired() {
        pk_counter_drain(descriptor)
        armedAt = 0
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }
}
