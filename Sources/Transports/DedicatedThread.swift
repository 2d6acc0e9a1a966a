import Foundation
import Synchronization

/// A thread of its own for an exchange worker's loop (an event loop must not block a
/// cooperative thread), and a way to wait until the loop has returned.
final class DedicatedThread: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// The running thread's `pthread_self()`; 0 before it starts and once the loop has returned
    /// (a later thread may be given the same identifier).
    private let identity = Atomic<UInt>(0)

    /// Runs `loop` on a new thread called `name` (see `NamedThread`).
    func start(name: String, _ loop: @escaping @Sendable () -> Void) {
        NamedThread.start(name) { [self] in
            identity.store(UInt(bitPattern: Int(bitPattern: pthread_self())), ordering: .relaxed)
            loop()
            identity.store(0, ordering: .relaxed)
            finished.signal()
        }
    }

    /// Whether the caller runs in this thread's loop.
    var isCurrent: Bool {
        identity.load(ordering: .relaxed) == UInt(bitPattern: Int(bitPattern: pthread_self()))
    }

    /// Blocks until the loop has returned.
    func waitUntilFinished() { finished.wait() }
}
