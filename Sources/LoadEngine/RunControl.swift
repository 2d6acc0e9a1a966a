import Synchronization

/// The stop button shared by a run's threads and tasks: a graceful stop (finish in-flight
/// requests within the grace period) and an immediate one. Each thread that blocks registers
/// how to wake it, so a stop gets it out of its wait at once. Load runs, scenario runs and the
/// arrival pacing all stop through one of these.
public final class RunControl: Sendable {
    private let level = Atomic<Int>(0)
    private let wakers = Mutex<[Int: @Sendable () -> Void]>([:])
    private let nextToken = Atomic<Int>(0)

    /// A control nobody has stopped yet.
    public init() {}

    /// Stop scheduling new requests; in-flight ones get the grace period. True when this call
    /// was the one that stopped the run.
    @discardableResult
    public func requestStop() -> Bool { raise(to: 1) }

    /// Abandon in-flight requests too. True when this call raised the stop to immediate.
    @discardableResult
    public func requestImmediateStop() -> Bool { raise(to: 2) }

    /// Whether a stop of either kind was requested.
    public var isStopping: Bool { level.load(ordering: .relaxed) >= 1 }
    /// Whether in-flight requests are to be abandoned.
    public var isStoppingImmediately: Bool { level.load(ordering: .relaxed) >= 2 }

    /// Registers `wake` (callable from any thread); returns the token to unregister it with.
    public func register(_ wake: @escaping @Sendable () -> Void) -> Int {
        let token = nextToken.wrappingAdd(1, ordering: .relaxed).oldValue
        wakers.withLock { $0[token] = wake }
        return token
    }

    /// Forgets the waker registered under `token`; nothing if it is already gone.
    public func unregister(_ token: Int) {
        _ = wakers.withLock { $0.removeValue(forKey: token) }
    }

    private func raise(to newLevel: Int) -> Bool {
        var current = level.load(ordering: .relaxed)
        while current < newLevel {
            let (exchanged, original) = level.compareExchange(expected: current, desired: newLevel, ordering: .relaxed)
            if exchanged {
                wakers.withLock { $0.values.forEach { $0() } }
                return true
            }
            current = original
        }
        return false
    }
}
