import Foundation
import Synchronization

/// A thread of its own for an exchange worker's loop (an event loop must not block a
/// cooperative thread), and a way to wait until the loop has returned.
final class DedicatedThread: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// The running thread's `pthread_self()`, 0 before it starts.
    private let identity = Atomic<UInt>(0)

    /// Runs `loop` on a new thread called `name`.
    func start(name: String, _ loop: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            identity.store(UInt(bitPattern: Int(bitPattern: pthread_self())), ordering: .relaxed)
            loop()
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Whether the caller runs on this thread (false before it has started).
    var isCurrent: Bool {
        identity.load(ordering: .relaxed) == UInt(bitPattern: Int(bitPattern: pthread_self()))
    }

    /// Blocks until the loop has returned.
    func waitUntilFinished() { finished.wait() }
}
