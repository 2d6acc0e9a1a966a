import CCurl
import Synchronization

/// The stop button shared by a run's threads: a graceful stop (finish in-flight requests
/// within the grace period) and an immediate one. Workers register their multi handle so a
/// stop wakes them out of `curl_multi_poll` at once.
final class RunControl: Sendable {
    private let level = Atomic<Int>(0)
    /// Multi handles by address (raw pointers are not Sendable; addresses are).
    private let multis = Mutex<[UInt]>([])

    /// Stop scheduling new requests; in-flight ones get the grace period.
    func requestStop() { raise(to: 1) }

    /// Abandon in-flight requests too.
    func requestImmediateStop() { raise(to: 2) }

    var isStopping: Bool { level.load(ordering: .relaxed) >= 1 }
    var isStoppingImmediately: Bool { level.load(ordering: .relaxed) >= 2 }

    func register(_ multi: UnsafeMutableRawPointer) {
        let address = UInt(bitPattern: multi)
        multis.withLock { $0.append(address) }
    }

    func unregister(_ multi: UnsafeMutableRawPointer) {
        let address = UInt(bitPattern: multi)
        multis.withLock { $0.removeAll { $0 == address } }
    }

    private func raise(to newLevel: Int) {
        var current = level.load(ordering: .relaxed)
        while current < newLevel {
            let (exchanged, original) = level.compareExchange(expected: current, desired: newLevel, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
        // curl_multi_wakeup is documented as safe to call from any thread.
        multis.withLock { $0.forEach { curl_multi_wakeup(UnsafeMutableRawPointer(bitPattern: $0)) } }
    }
}
