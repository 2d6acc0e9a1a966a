import CNet
import Glibc

/// Slots on perfkit's own HTTP/1.1 client: one epoll loop per thread, non-blocking sockets
/// kept registered for the connection's life, the request's bytes built once and re-sent, and
/// an allocation-free response parser. About one `write`, one `read` and a share of an
/// `epoll_wait` per request, where libcurl polls each transfer's socket itself.
public final class NativeSlotTransport: SlotTransport {
    private enum State { case idle, connecting, writing, reading }

    private struct Connection {
        var descriptor: Int32 = -1
        var state = State.idle
        /// Whether the connection carried a request before this one: a close before any byte
        /// of the response is then the server dropping an idle connection, and is retried once.
        var reused = false
        var retried = false
        var wantsWrite = false
        var written = 0
        var received = 0
        var bufferStart = 0
        var bufferFill = 0
        var parser: HTTPResponseParser
        var deadline: Int64 = 0
        var connectStarted: Int64 = 0
        var connectMicroseconds: Int64? = nil
        var resolveMicroseconds: Int64 = 0
        var requestStarted: Int64 = 0
        var firstByte: Int64 = 0
    }

    private struct FinishedRequest {
        var slot: Int
        var outcome: SlotOutcome
        var at: Int64
    }

    /// Bytes read at once per connection; a response head must fit (the parser stops at 64 KiB).
    private static let bufferSize = 80 * 1_024
    private static let wakeToken = UInt64.max
    private static let eventCapacity: Int32 = 256

    private let connections: UnsafeMutablePointer<Connection>
    private let count: Int
    private let buffers: UnsafeMutableRawPointer
    private let request: UnsafeMutableRawBufferPointer
    private var address = sockaddr_storage()
    private var addressLength: socklen_t = 0
    private let resolved: Bool
    /// How long resolving the host took; reported by the first connection, later ones find
    /// the address cached (as libcurl's DNS cache would) and report 0.
    private var pendingResolveMicroseconds: Int64
    /// The epoll instance and the eventfd that wakes it (internal: tests check they are closed).
    let epoll: Int32
    let wakeDescriptor: Int32
    private let timeout: Int64
    private var nextTimeoutScan: Int64 = 0
    private var polling = PollingPolicy()
    private var finished: [FinishedRequest] = []
    private var delivering: [FinishedRequest] = []
    private let eventTokens: UnsafeMutablePointer<UInt64>
    private let eventFlags: UnsafeMutablePointer<UInt32>
    /// Whether `release()` ran: it frees pointers and closes descriptors, which must happen once.
    private var released = false
    public let waker: @Sendable () -> Void

    /// `count` slots sending `spec`; throws for a URL it does not speak or when epoll cannot be set up.
    public init(request spec: RequestSpec, transport: TransportOptions, connections count: Int) throws(TransportError) {
        let built = try NativeRequest(spec)
        self.count = count
        timeout = transport.timeout.nanosecondsClamped
        request = UnsafeMutableRawBufferPointer.allocate(byteCount: built.bytes.count, alignment: 1)
        request.copyBytes(from: built.bytes)
        let resolveStarted = MonotonicClock.now()
        resolved = pk_resolve(built.host, String(built.port), &address, &addressLength) == 0
        pendingResolveMicroseconds = (MonotonicClock.now() - resolveStarted) / 1_000
        connections = UnsafeMutablePointer<Connection>.allocate(capacity: count)
        connections.initialize(repeating: Connection(parser: HTTPResponseParser(answersHead: built.isHead)), count: count)
        buffers = UnsafeMutableRawPointer.allocate(byteCount: Self.bufferSize * count, alignment: 64)
        eventTokens = .allocate(capacity: Int(Self.eventCapacity))
        eventFlags = .allocate(capacity: Int(Self.eventCapacity))
        epoll = pk_epoll_create()
        wakeDescriptor = pk_eventfd_create()
        let wake = wakeDescriptor
        waker = { pk_eventfd_signal(wake) }
        finished.reserveCapacity(count * 2)
        delivering.reserveCapacity(count * 2)
        guard epoll >= 0, wakeDescriptor >= 0 else {
            release()
            throw .setupFailed(call: epoll < 0 ? "epoll_create1" : "eventfd", detail: "errno \(pk_errno())")
        }
        _ = pk_epoll_control(epoll, EPOLL_CTL_ADD, wakeDescriptor, UInt32(EPOLLIN.rawValue), Self.wakeToken)
    }

    // MARK: SlotTransport

    public func send(slot: Int) {
        let now = MonotonicClock.now()
        connections[slot].parser.reset()
        connections[slot].received = 0
        connections[slot].written = 0
        connections[slot].retried = false
        connections[slot].deadline = now + timeout
        if connections[slot].descriptor < 0 {
            connect(slot, now: now)
        } else {
            connections[slot].reused = true
            connections[slot].connectMicroseconds = nil
            connections[slot].requestStarted = now
            write(slot, now: now)
        }
    }

    public func wait(until wakeAt: Int64?, maximumMilliseconds: Int32) {
        guard finished.isEmpty else { return }
        let started = MonotonicClock.now()
        var timeout = Int64(maximumMilliseconds) * 1_000_000
        if let wakeAt { timeout = max(0, min(timeout, wakeAt - started)) }
        var ready = spin(from: started, atMost: timeout)
        if ready == 0, timeout > 0 {
            ready = pk_epoll_wait(epoll, eventTokens, eventFlags, Self.eventCapacity,
                                  max(0, started + timeout - MonotonicClock.now()))
        }
        guard ready > 0 else { return }
        let now = MonotonicClock.now()
        for index in 0..<Int(ready) {
            let token = eventTokens[index]
            if token == Self.wakeToken {
                pk_counter_drain(wakeDescriptor)
            } else {
                handle(Int(token), events: eventFlags[index], now: now)
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

    public func collect(_ deliver: (Int, SlotOutcome, Int64) -> Void) {
        expireTimeouts()
        guard !finished.isEmpty else { return }
        // Delivering may start requests that finish at once: those go to the other list.
        swap(&finished, &delivering)
        for request in delivering { deliver(request.slot, request.outcome, request.at) }
        delivering.removeAll(keepingCapacity: true)
    }

    public func release() {
        guard !released else { return }
        released = true
        for slot in 0..<count where connections[slot].descriptor >= 0 { close(connections[slot].descriptor) }
        connections.deinitialize(count: count)
        connections.deallocate()
        buffers.deallocate()
        request.deallocate()
        eventTokens.deallocate()
        eventFlags.deallocate()
        if epoll >= 0 { close(epoll) }
        if wakeDescriptor >= 0 { close(wakeDescriptor) }
    }

    deinit { release() }

    // MARK: Connecting and writing

    private func connect(_ slot: Int, now: Int64) {
        guard resolved else { return fail(slot, .dns, now: now) }
        let descriptor = pk_connect(&address, addressLength)
        guard descriptor >= 0 else { return fail(slot, ErrorKind(connectErrno: -descriptor), now: now) }
        connections[slot].descriptor = descriptor
        connections[slot].state = .connecting
        connections[slot].reused = false
        connections[slot].connectStarted = now
        connections[slot].bufferStart = 0
        connections[slot].bufferFill = 0
        connections[slot].wantsWrite = true
        _ = pk_epoll_control(epoll, EPOLL_CTL_ADD, descriptor, UInt32(EPOLLIN.rawValue | EPOLLOUT.rawValue), UInt64(slot))
    }

    private func write(_ slot: Int, now: Int64) {
        let descriptor = connections[slot].descriptor
        while true {
            let written = connections[slot].written
            // send with MSG_NOSIGNAL: write() to a connection the server reset raises SIGPIPE and
            // would kill the process.
            let sent = Glibc.send(descriptor, request.baseAddress! + written, request.count - written, Int32(MSG_NOSIGNAL))
            if sent > 0 {
                connections[slot].written += sent
                guard connections[slot].written == request.count else { continue }
                connections[slot].state = .reading
                if connections[slot].wantsWrite { watch(slot, writes: false) }
                return
            }
            let error = pk_errno()
            if sent < 0, error == EAGAIN || error == EINTR {
                if error == EINTR { continue }
                connections[slot].state = .writing
                if !connections[slot].wantsWrite { watch(slot, writes: true) }
                return
            }
            return retryOrFail(slot, .reset, now: now)
        }
    }

    private func watch(_ slot: Int, writes: Bool) {
        connections[slot].wantsWrite = writes
        let events = EPOLLIN.rawValue | (writes ? EPOLLOUT.rawValue : 0)
        _ = pk_epoll_control(epoll, EPOLL_CTL_MOD, connections[slot].descriptor, UInt32(events), UInt64(slot))
    }

    // MARK: Events

    private func handle(_ slot: Int, events: UInt32, now: Int64) {
        guard slot < count, connections[slot].descriptor >= 0 else { return }
        switch connections[slot].state {
        case .connecting:
            let error = pk_socket_error(connections[slot].descriptor)
            guard error == 0 else {
                closeConnection(slot)
                return fail(slot, ErrorKind(connectErrno: error), now: now)
            }
            connections[slot].connectMicroseconds = (now - connections[slot].connectStarted) / 1_000
            connections[slot].resolveMicroseconds = pendingResolveMicroseconds
            pendingResolveMicroseconds = 0
            connections[slot].requestStarted = now
            write(slot, now: now)
        case .writing:
            if events & UInt32(EPOLLOUT.rawValue) != 0 {
                write(slot, now: now)
            } else {
                read(slot, now: now)
            }
        case .reading:
            read(slot, now: now)
        case .idle:
            // Bytes or a close on a connection with no request: the server dropped it, or sent
            // what no request asked for. Either way it cannot carry the next request.
            closeConnection(slot)
        }
    }

    private func read(_ slot: Int, now: Int64) {
        let buffer = buffers + slot * Self.bufferSize
        if connections[slot].bufferFill == Self.bufferSize {
            let kept = connections[slot].bufferFill - connections[slot].bufferStart
            memmove(buffer, buffer + connections[slot].bufferStart, kept)
            connections[slot].bufferStart = 0
            connections[slot].bufferFill = kept
        }
        let fill = connections[slot].bufferFill
        let received = Glibc.read(connections[slot].descriptor, buffer + fill, Self.bufferSize - fill)
        if received < 0 {
            let error = pk_errno()
            if error == EAGAIN || error == EINTR { return }
            return retryOrFail(slot, .reset, now: now)
        }
        if received == 0 {
            let progress = connections[slot].parser.endOfStream()
            guard progress == .complete else { return retryOrFail(slot, .reset, now: now) }
            closeConnection(slot)
            return complete(slot, now: now)
        }
        if connections[slot].received == 0 { connections[slot].firstByte = now }
        connections[slot].received += received
        connections[slot].bufferFill += received
        let start = connections[slot].bufferStart
        let window = UnsafeRawBufferPointer(start: buffer + start, count: connections[slot].bufferFill - start)
        let (progress, consumed) = connections[slot].parser.consume(window)
        connections[slot].bufferStart += consumed
        if connections[slot].bufferStart == connections[slot].bufferFill {
            connections[slot].bufferStart = 0
            connections[slot].bufferFill = 0
        }
        switch progress {
        case .needMore:
            return
        case .complete:
            // Bytes beyond the response (a wrong Content-Length) would be read as the next
            // response: such a connection is not reused.
            if !connections[slot].parser.keepAlive || connections[slot].bufferFill > 0 {
                closeConnection(slot)
            } else {
                connections[slot].state = .idle
            }
            complete(slot, now: now)
        case .malformed:
            closeConnection(slot)
            fail(slot, .protocolError, now: now)
        }
    }

    // MARK: Endings

    private func complete(_ slot: Int, now: Int64) {
        let connection = connections[slot]
        let phases = PhaseTimings(dns: connection.connectMicroseconds.map { _ in connection.resolveMicroseconds },
                                  connect: connection.connectMicroseconds,
                                  ttfb: (connection.firstByte - connection.requestStarted) / 1_000,
                                  transfer: (now - connection.firstByte) / 1_000)
        finished.append(FinishedRequest(slot: slot, outcome: .response(status: connection.parser.status,
                                                                      bytes: connection.parser.bodyBytes, phases: phases),
                                        at: now))
    }

    /// A reused connection that fails before any byte of the response was closed by the server
    /// while idle: the request goes again on a new connection, once.
    private func retryOrFail(_ slot: Int, _ kind: ErrorKind, now: Int64) {
        closeConnection(slot)
        if connections[slot].reused, !connections[slot].retried, connections[slot].received == 0 {
            connections[slot].retried = true
            connections[slot].written = 0
            connections[slot].parser.reset()
            connect(slot, now: now)
            return
        }
        fail(slot, kind, now: now)
    }

    private func fail(_ slot: Int, _ kind: ErrorKind, now: Int64) {
        if connections[slot].descriptor >= 0 { closeConnection(slot) }
        connections[slot].state = .idle
        finished.append(FinishedRequest(slot: slot, outcome: .failed(kind), at: now))
    }

    private func closeConnection(_ slot: Int) {
        let descriptor = connections[slot].descriptor
        guard descriptor >= 0 else { return }
        // Closing removes it from the epoll set.
        close(descriptor)
        connections[slot].descriptor = -1
        connections[slot].state = .idle
        connections[slot].bufferStart = 0
        connections[slot].bufferFill = 0
    }

    /// Requests past their deadline fail as timeouts; looked at every 10 ms, not per request.
    private func expireTimeouts() {
        let now = MonotonicClock.now()
        guard now >= nextTimeoutScan else { return }
        nextTimeoutScan = now + 10_000_000
        for slot in 0..<count where connections[slot].state != .idle && connections[slot].deadline <= now {
            closeConnection(slot)
            fail(slot, .timeout, now: now)
        }
    }
}
