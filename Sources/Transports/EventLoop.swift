import CNet
import Glibc

/// A native transport thread's epoll instance and the eventfd that wakes it from other threads:
/// the waits of the HTTP/1.1 and HTTP/2 clients, which poll first as their `PollingPolicy` allows,
/// then sleep. Events carry the token their descriptor was registered with.
final class EventLoop {
    /// The token of the wake-up eventfd; descriptors' tokens are below it.
    static let wakeToken = UInt64.max
    private static let eventCapacity: Int32 = 256

    /// The epoll instance and the eventfd that wakes it (internal: tests check they are closed).
    let epoll: Int32
    let wakeDescriptor: Int32
    /// Whether a wait polls before it sleeps.
    private var polling: PollingPolicy
    private let eventTokens: UnsafeMutablePointer<UInt64>
    private let eventFlags: UnsafeMutablePointer<UInt32>
    private var closed = false
    /// Wakes a wait from any thread.
    let waker: @Sendable () -> Void

    /// A loop whose waits poll for at most `longestPoll` nanoseconds; throws when epoll or the
    /// eventfd cannot be made.
    init(longestPoll: Int64) throws(TransportError) {
        let epoll = pk_epoll_create()
        let wake = pk_eventfd_create()
        guard epoll >= 0, wake >= 0 else {
            let error = pk_errno()
            if epoll >= 0 { Glibc.close(epoll) }
            if wake >= 0 { Glibc.close(wake) }
            throw .setupFailed(call: epoll < 0 ? "epoll_create1" : "eventfd", detail: "errno \(error)")
        }
        self.epoll = epoll
        wakeDescriptor = wake
        polling = PollingPolicy(longestPoll: longestPoll)
        eventTokens = .allocate(capacity: Int(Self.eventCapacity))
        eventFlags = .allocate(capacity: Int(Self.eventCapacity))
        waker = { pk_eventfd_signal(wake) }
        _ = pk_epoll_control(epoll, EPOLL_CTL_ADD, wake, UInt32(EPOLLIN.rawValue), Self.wakeToken)
    }

    /// Registers `descriptor` under `token`, watched for reading and writing (a connect in progress).
    func add(_ descriptor: Int32, token: Int) {
        _ = pk_epoll_control(epoll, EPOLL_CTL_ADD, descriptor, UInt32(EPOLLIN.rawValue | EPOLLOUT.rawValue), UInt64(token))
    }

    /// Watches `descriptor` for reading, and for writing too when `writes`.
    func watch(_ descriptor: Int32, token: Int, writes: Bool) {
        let events = EPOLLIN.rawValue | (writes ? EPOLLOUT.rawValue : 0)
        _ = pk_epoll_control(epoll, EPOLL_CTL_MOD, descriptor, UInt32(events), UInt64(token))
    }

    /// Blocks until a descriptor is ready, the monotonic instant `wakeAt` comes, the waker is
    /// called or `maximumMilliseconds` pass, then hands each ready descriptor's token and epoll
    /// flags to `handle`, with the time the wait ended. With `responsesMayWait` (and a `wakeAt`),
    /// descriptors becoming ready do not end the wait: what they hold is handled at `wakeAt`, in
    /// the same wake-up (see `SlotTransport.wait`).
    @inline(__always)
    func wait(until wakeAt: Int64?, maximumMilliseconds: Int32, responsesMayWait: Bool,
              _ handle: (_ token: Int, _ flags: UInt32, _ now: Int64) -> Void) {
        let started = MonotonicClock.now()
        var timeout = Int64(maximumMilliseconds) * 1_000_000
        if let wakeAt { timeout = max(0, min(timeout, wakeAt - started)) }
        var ready: Int32
        if responsesMayWait, wakeAt != nil, timeout > 0 {
            // Asleep on the waker alone, the sockets' readiness does not wake the thread: what
            // came meanwhile is collected below, at once.
            pk_sleep_until_readable(wakeDescriptor, timeout)
            ready = pk_epoll_wait(epoll, eventTokens, eventFlags, Self.eventCapacity, 0)
        } else {
            ready = spin(from: started, atMost: timeout)
            if ready == 0, timeout > 0 {
                ready = pk_epoll_wait(epoll, eventTokens, eventFlags, Self.eventCapacity,
                                      max(0, started + timeout - MonotonicClock.now()))
            }
        }
        guard ready > 0 else { return }
        let now = MonotonicClock.now()
        for index in 0..<Int(ready) {
            let token = eventTokens[index]
            if token == Self.wakeToken {
                pk_counter_drain(wakeDescriptor)
            } else {
                handle(Int(token), eventFlags[index], now)
            }
        }
    }

    /// Polls without sleeping for as long as `polling` allows (and no longer than `timeout`):
    /// the number of events that came.
    private func spin(from started: Int64, atMost timeout: Int64) -> Int32 {
        guard timeout > 0 else { return pk_epoll_wait(epoll, eventTokens, eventFlags, Self.eventCapacity, 0) }
        let budget = polling.budget(at: started)
        guard budget > 0 else { return 0 }
        let end = started + min(timeout, budget)
        repeat {
            let ready = pk_epoll_wait(epoll, eventTokens, eventFlags, Self.eventCapacity, 0)
            if ready != 0 { return ready }
        } while MonotonicClock.now() < end
        polling.missed()
        return 0
    }

    /// Closes the epoll instance and the eventfd and frees the event arrays; once.
    func close() {
        guard !closed else { return }
        closed = true
        eventTokens.deallocate()
        eventFlags.deallocate()
        Glibc.close(epoll)
        Glibc.close(wakeDescriptor)
    }

    deinit { close() }
}
