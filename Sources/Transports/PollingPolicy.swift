import CNet
import Glibc

/// Whether a native transport thread's wait polls for events before it sleeps, and for how long.
///
/// Polling catches a response that comes within microseconds for less than falling asleep and
/// being woken costs (a context switch here, a wake-up in the target). It pays only when a poll
/// catches something and the core it burns would otherwise idle, so it stops:
/// - for a few waits after a poll that caught nothing;
/// - while the thread spends more than `contendedShare` of its time runnable but waiting for a
///   core (its run-queue delay, read every `window`): other processes want the core, and what
///   polling burns is theirs. Polling regardless, beside a 1.2-core CPU hog, cost the closed
///   model its lead over wrk and the open model its p99.
struct PollingPolicy {
    /// How long a load run's wait polls before it sleeps: about what falling asleep and being
    /// woken costs on a virtual machine; 0 (never poll) when the environment sets `PERFKIT_POLL=off`,
    /// which leaves only the CPU the requests cost (bench/flow-steps compares flows with that).
    static let longestPoll: Int64 = pollingTurnedOff(getenv("PERFKIT_POLL")) ? 0 : 50_000

    /// Whether `PERFKIT_POLL`'s value turns polling off: `off`, `0`, `no` or `false`, in any case.
    static func pollingTurnedOff(_ value: UnsafePointer<CChar>?) -> Bool {
        guard let value else { return false }
        return ["off", "0", "no", "false"].contains(String(cString: value).lowercased())
    }

    /// Waits that sleep at once after a poll that caught nothing.
    private static let waitsWithoutPollingAfterMiss = 8
    /// How often the run-queue delay is read.
    private static let window: Int64 = 20_000_000
    /// The share of a window spent waiting for a core above which the machine counts as busy.
    private static let contendedShare = 0.05

    /// This policy's longest poll: `longestPoll`, or 0 to sleep at once always.
    private let longest: Int64
    /// The thread's run-queue delay so far in nanoseconds, or -1 where it cannot be read.
    private let runDelay: () -> Int64
    private var waitsWithoutPolling = 0
    private var windowStart: Int64 = 0
    private var windowEnd: Int64 = 0
    private var delayAtWindowStart: Int64 = -1
    private var contended = false

    /// A policy polling for at most `longest` nanoseconds per wait, judging contention by
    /// `runDelay` (the calling thread's own, from the kernel, unless a test gives readings).
    init(longestPoll longest: Int64 = Self.longestPoll, runDelay: @escaping () -> Int64 = { pk_thread_run_delay_ns() }) {
        self.longest = longest
        self.runDelay = runDelay
    }

    /// How long the wait starting `now` may poll: 0 when it should sleep at once.
    mutating func budget(at now: Int64) -> Int64 {
        guard longest > 0 else { return 0 }
        if now >= windowEnd { measureContention(at: now) }
        if contended { return 0 }
        if waitsWithoutPolling > 0 {
            waitsWithoutPolling -= 1
            return 0
        }
        return longest
    }

    /// A poll of the full budget caught nothing.
    mutating func missed() {
        waitsWithoutPolling = Self.waitsWithoutPollingAfterMiss
    }

    /// Without the kernel's figure (no /proc), the machine never counts as busy.
    private mutating func measureContention(at now: Int64) {
        let delay = runDelay()
        if delay >= 0, delayAtWindowStart >= 0 {
            contended = Double(delay - delayAtWindowStart) > Self.contendedShare * Double(now - windowStart)
        }
        windowStart = now
        windowEnd = now + Self.window
        delayAtWindowStart = delay
    }
}
