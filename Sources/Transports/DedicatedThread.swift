import Foundation

/// A thread of its own for an exchange worker's loop (an event loop must not block a
/// cooperative thread), and a way to wait until the loop has returned.
final class DedicatedThread: Sendable {
    private let finished = DispatchSemaphore(value: 0)

    /// Runs `loop` on a new thread called `name`.
    func start(name: String, _ loop: @escaping @Sendable () -> Void) {
        let thread = Thread { [finished] in
            loop()
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Blocks until the loop has returned.
    func waitUntilFinished() { finished.wait() }
}
