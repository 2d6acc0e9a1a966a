import Synchronization

/// The stop button shared by a run's threads: a graceful stop (finish in-flight requests
/// within the grace period) and an immediate one. Each transport thread registers how to wake
/// it, so a stop gets it out of its wait at once.
final class RunControl: Sendable {
    private let level = Atomic<Int>(0)
    private let wakers = Mutex<[Int: @Sendable () -> Void]>([:])
    private let nextToken = Atomic<Int>(0)

    /// Stop scheduling new requests; in-flight ones get the grace period.
    func requestStop() { raise(to: 1) }

    /// Abandon in-flight requests too.
    func requestImmediateStop() { raise(to: 2) }

    var isStopping: Bool { level.load(ordering: .relaxed) >= 1 }
    var isStoppingImmediately: Bool { level.load(ordering: .relaxed) >= 2 }

    /// Registers `wake` (callable from any thread); returns the token to unregister it with.
    func register(_ wake: @escaping @Sendable () -> Void) -> Int {
        let token = nextToken.wrappingAdd(1, ordering: .relaxed).oldValue
        wakers.withLock { $0[token] = wake }
        return token
    }

    func unregister(_ token: Int) {
        _ = wakers.withLock { $0.removeValue(forKey: token) }
    }

    private func raise(to newLevel: Int) {
        var current = level.load(ordering: .relaxed)
        while current < newLevel {
            let (exchanged, original) = level.compareExchange(expected: current, desired: newLevel, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
        wakers.withLock { $0.values.forEach { $0() } }
    }
}
