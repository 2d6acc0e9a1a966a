import CNet

/// What a thread that sends on a schedule asks of the scheduler: to run when it wakes, not a
/// time slice later, and to wake when its timer says. Best effort, and nothing a container must
/// grant (no capability, nice unchanged): a failure leaves the thread as it was.
enum PromptWakeUps {
    /// EEVDF's slice for the thread (Linux 6.12+; older kernels ignore it). With the default,
    /// 0.7 ms × (1 + log2 cores), a thread woken by its timer on a core that a busy neighbour
    /// holds waits out the neighbour's slice; with a shorter one it preempts it.
    private static let slice: UInt64 = 100_000
    /// Timer wake-ups per second a thread pays for before it lets them coalesce (see `timerSlack`).
    private static let wakeUpsPerSecond = 5_000.0

    /// Applies the slice, and the timer slack for `arrivalsPerSecond`, to the calling thread;
    /// returns the slack asked for, in nanoseconds.
    @discardableResult
    static func requestForCurrentThread(arrivalsPerSecond: Double) -> Int64 {
        let slack = timerSlack(arrivalsPerSecond: arrivalsPerSecond)
        _ = pk_thread_prefer_prompt_wakeups(slice, slack)
        return Int64(slack)
    }

    /// Sets the calling thread's timer slack for `arrivalsPerSecond`; returns it, in nanoseconds.
    static func adjust(arrivalsPerSecond: Double) -> Int64 {
        let slack = timerSlack(arrivalsPerSecond: arrivalsPerSecond)
        _ = pk_thread_set_timer_slack(slack)
        return Int64(slack)
    }

    /// How late the kernel may end a timed sleep, so that nearby timers share one wake-up. Below
    /// `wakeUpsPerSecond` arrivals each gets its own wake-up, on time (1 µs; the default 50 µs
    /// made every send up to 50 µs late); above, the slack grows towards 1/`wakeUpsPerSecond`
    /// (200 µs), so a thread sending 30,000 requests/s wakes for several at once: a wake-up per
    /// arrival cost 1.6–1.8× wrk2's CPU per request there, where wrk2 sends on 1 ms ticks.
    static func timerSlack(arrivalsPerSecond: Double) -> UInt {
        guard arrivalsPerSecond > wakeUpsPerSecond else { return 1_000 }
        let seconds = (1 - wakeUpsPerSecond / arrivalsPerSecond) / wakeUpsPerSecond
        return max(1_000, UInt((seconds * 1e9).rounded()))
    }
}
