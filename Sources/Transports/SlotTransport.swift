/// How a finished request on a connection slot ended.
public enum SlotOutcome {
    /// A complete response.
    case response(status: Int, bytes: Int64, phases: PhaseTimings)
    /// No complete response.
    case failed(ErrorKind)
}

/// What a `LoadWorker` needs from a transport: a fixed set of connection slots, each sending
/// the run's request on demand and reporting when it finished. Confined to the worker's
/// thread, except `waker`. A transport frees what it holds when it is deinitialised, or sooner
/// with `release()`.
public protocol SlotTransport: AnyObject {
    /// Starts the run's request on `slot`, which is idle.
    func send(slot: Int)
    /// Blocks until a request may have finished, the monotonic instant `wakeAt` (nanosecond
    /// precision) comes, the waker is called, or `maximumMilliseconds` pass. With
    /// `responsesMayWait`, responses that come before `wakeAt` need not end the wait: they are
    /// read at `wakeAt`, with the arrivals due then, in one wake-up.
    func wait(until wakeAt: Int64?, maximumMilliseconds: Int32, responsesMayWait: Bool)
    /// Moves requests along and hands each one that finished to `finished`, with the monotonic
    /// time it finished.
    func collect(_ finished: (_ slot: Int, _ outcome: SlotOutcome, _ now: Int64) -> Void)
    /// Wakes the thread out of `wait` from any thread.
    var waker: @Sendable () -> Void { get }
    /// Abandons requests in flight and frees everything; later calls, and deinit, do nothing more.
    func release()
}
