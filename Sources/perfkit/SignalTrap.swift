import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM into calls: the first asks for a graceful stop, a second one
/// for an immediate stop. Restores the default handlers when cancelled.
final class SignalTrap {
    private let sources: [any DispatchSourceSignal]
    private static let signals = [SIGINT, SIGTERM]

    init(onFirst: @escaping @Sendable () -> Void, onRepeat: @escaping @Sendable () -> Void) {
        let counter = SignalCounter()
        sources = Self.signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if counter.increment() == 1 { onFirst() } else { onRepeat() }
            }
            source.resume()
            return source
        }
    }

    /// Stops listening and restores default signal handling.
    func cancel() {
        sources.forEach { $0.cancel() }
        Self.signals.forEach { signal($0, SIG_DFL) }
    }
}

private final class SignalCounter: Sendable {
    private let count = Mutex(0)
    func increment() -> Int { count.withLock { $0 += 1; return $0 } }
}
