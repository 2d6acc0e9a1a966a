import Dispatch
import Foundation
import Synchronization

/// The process's one handler for SIGINT, SIGTERM and SIGHUP, installed on first use and kept
/// until the process exits: a command that runs several things (`--repeat`, `demo`) stays
/// interruptible between them, where a handler per run left the default (kill, nothing stored)
/// in the gaps. Whatever is running when a signal comes is told to stop gracefully, a second
/// signal stops it at once; a signal that comes between runs is remembered (`hasFired`), and
/// a run started after it is stopped as soon as it is watched.
public final class SignalTrap: Sendable {
    /// The trap of this process.
    public static let shared = SignalTrap()

    /// SIGHUP (the terminal or SSH session went away) is a request to stop like SIGTERM: the
    /// partial run is stored and the command exits 130.
    private static let signals = [SIGINT, SIGTERM, SIGHUP]

    private struct Watcher {
        let onFirst: @Sendable () -> Void
        let onRepeat: @Sendable () -> Void
    }

    private struct State {
        var received = 0
        var watchers: [Int: Watcher] = [:]
        var nextToken = 0
    }

    private let state = Mutex(State())
    /// Kept for the life of the process, never touched after `init`.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]

    private init() {
        sources = Self.signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            // Runs once `shared` exists: a signal source delivers on its queue, after `init`.
            source.setEventHandler { SignalTrap.shared.received() }
            source.resume()
            return source
        }
    }

    /// Whether a stop signal has come since the command started.
    public var hasFired: Bool { state.withLock { $0.received > 0 } }

    /// Calls `onFirst` on the first signal and `onRepeat` on later ones until the returned
    /// watch is cancelled. A signal that came before is acted on at once.
    public func watch(onFirst: @escaping @Sendable () -> Void, onRepeat: @escaping @Sendable () -> Void) -> Watch {
        let (token, received) = state.withLock { state in
            let token = state.nextToken
            state.nextToken += 1
            state.watchers[token] = Watcher(onFirst: onFirst, onRepeat: onRepeat)
            return (token, state.received)
        }
        if received > 0 { onFirst() }
        if received > 1 { onRepeat() }
        return Watch(trap: self, token: token)
    }

    /// A registration with the trap; `cancel()` stops the calls (the trap stays installed).
    public struct Watch: Sendable {
        fileprivate let trap: SignalTrap
        fileprivate let token: Int

        /// Stops calling this watch's handlers.
        public func cancel() { _ = trap.state.withLock { $0.watchers.removeValue(forKey: token) } }
    }

    private func received() {
        let (count, watchers) = state.withLock { state in
            state.received += 1
            return (state.received, Array(state.watchers.values))
        }
        for watcher in watchers {
            if count == 1 { watcher.onFirst() } else { watcher.onRepeat() }
        }
    }
}
