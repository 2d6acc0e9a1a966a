import NIOCore

/// Periodic pauses, like a stop-the-world garbage collector: the windows
/// `[k * period, k * period + length)` for k = 1, 2, … after server start hold every response due inside them.
struct StallSchedule: Sendable {
    private let period: Int64
    private let length: Int64

    init(every period: Duration, lasting length: Duration) {
        self.period = TimeAmount(period).nanoseconds
        self.length = TimeAmount(length).nanoseconds
    }

    /// When a response due `elapsed` after server start may be written: at once, or at the end of its stall.
    func release(_ elapsed: Duration) -> Duration {
        let due = TimeAmount(elapsed).nanoseconds
        guard due >= period else { return elapsed }
        let windowEnd = due - due % period + length
        return due < windowEnd ? .nanoseconds(windowEnd) : elapsed
    }
}
