import CNet
import Glibc

/// Slots on perfkit's own HTTP/1.1 client: one epoll loop per thread, non-blocking sockets
/// kept registered for the connection's life, the request's bytes built once and re-sent, and
/// an allocation-free response parser. About one `write`, one `read` and a share of an
/// `epoll_wait` per request, where libcurl polls each transfer's socket itself. https:// goes
/// through OpenSSL on the same sockets and loop: a handshake on each new connection (resuming
/// the transport's last session), then TLS reads and writes in place of the socket's.
public final class NativeSlotTransport: SlotTransport {
    private enum State { case idle, connecting, handshaking, writing, reading }

    private struct Connection {
        var socket = ConnectionSocket()
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
        /// The slot's own request bytes (`send(slot:request:...)`), instead of the run's.
        var ownRequest: UnsafeMutableRawBufferPointer? = nil
        var ownRequestLength = 0
        var deadline: Int64 = 0
        var connectStarted: Int64 = 0
        var connectMicroseconds: Int64? = nil
        var handshakeStarted: Int64 = 0
        var tlsMicroseconds: Int64? = nil
        var resolveMicroseconds: Int64 = 0
        var requestStarted: Int64 = 0
        var firstByte: Int64 = 0
    }

    /// Bytes read at once per connection; a response head must fit (the parser stops at 64 KiB).
    private static let bufferSize = 80 * 1_024

    private let connections: UnsafeMutablePointer<Connection>
    private let count: Int
    private let buffers: UnsafeMutableRawPointer
    private let request: UnsafeMutableRawBufferPointer
    private let address: TargetAddress
    /// The OpenSSL context of an https:// run, shared by its connections; nil for http://.
    private let tlsContext: TLSContext?
    /// How long resolving the host took; reported by the first connection, later ones find
    /// the address cached (as libcurl's DNS cache would) and report 0.
    private var pendingResolveMicroseconds: Int64
    /// The epoll loop; its waits never poll for scenario steps (see `init(origin:transport:connections:)`).
    private let loop: EventLoop
    /// The loop's epoll and eventfd descriptors (internal: tests check they are closed).
    var epoll: Int32 { loop.epoll }
    var wakeDescriptor: Int32 { loop.wakeDescriptor }
    private let timeout: Int64
    private var nextTimeoutScan: Int64 = 0
    private let finished: FinishedRequests
    /// Whether `release()` ran: it frees pointers and closes descriptors, which must happen once.
    private var released = false
    public var waker: @Sendable () -> Void { loop.waker }

    /// `count` slots sending `spec`; throws for a URL it does not speak or when epoll cannot be set up.
    public convenience init(request spec: RequestSpec, transport: TransportOptions, connections count: Int) throws(TransportError) {
        let built = try NativeRequest(spec)
        try self.init(origin: built.origin, request: built.bytes, answersHead: built.isHead, transport: transport,
                      connections: count, longestPoll: PollingPolicy.longestPoll)
    }

    /// `count` slots to `origin` with no request of their own: each send brings its request
    /// (`send(slot:request:answersHead:capturesFields:keptBodyLimit:)`). Waits sleep at once: a step's next
    /// request comes from a task that is resumed, judges the response and renders the next one,
    /// longer than a spin lasts (a 50 µs spin cost about a third more CPU per step in bench/flow-steps,
    /// for 9% more steps per second).
    convenience init(origin: HTTPOrigin, transport: TransportOptions, connections count: Int) throws(TransportError) {
        try self.init(origin: origin, request: [], answersHead: false, transport: transport, connections: count,
                      longestPoll: 0)
    }

    private init(origin: HTTPOrigin, request bytes: [UInt8], answersHead: Bool, transport: TransportOptions,
                 connections count: Int, longestPoll: Int64) throws(TransportError) {
        tlsContext = origin.usesTLS
            ? try TLSContext(host: origin.host, insecure: transport.insecure, caBundle: transport.caBundle)
            : nil
        loop = try EventLoop(longestPoll: longestPoll)
        self.count = count
        timeout = transport.timeout.nanosecondsClamped
        request = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        request.copyBytes(from: bytes)
        address = TargetAddress(origin)
        pendingResolveMicroseconds = address.resolveMicroseconds
        connections = UnsafeMutablePointer<Connection>.allocate(capacity: count)
        connections.initialize(repeating: Connection(parser: HTTPResponseParser(answersHead: answersHead)), count: count)
        buffers = UnsafeMutableRawPointer.allocate(byteCount: Self.bufferSize * count, alignment: 64)
        finished = FinishedRequests(capacity: count * 2)
    }

    // MARK: SlotTransport

    public func send(slot: Int) {
        let now = MonotonicClock.now()
        connections[slot].parser.reset()
        connections[slot].received = 0
        connections[slot].written = 0
        connections[slot].retried = false
        connections[slot].deadline = now + timeout
        if !connections[slot].socket.isOpen {
            connect(slot, now: now)
        } else {
            connections[slot].reused = true
            connections[slot].connectMicroseconds = nil
            connections[slot].tlsMicroseconds = nil
            connections[slot].requestStarted = now
            write(slot, now: now)
        }
    }

    /// Starts `request` (a whole HTTP/1.1 request) on `slot`, which is idle, keeping the
    /// response's header fields (with `capturesFields`) and up to `keptBodyLimit` bytes of its
    /// body for `takeCaptured(slot:)`.
    func send(slot: Int, request bytes: UnsafeRawBufferPointer, answersHead: Bool, capturesFields: Bool, keptBodyLimit: Int) {
        if (connections[slot].ownRequest?.count ?? -1) < bytes.count {
            connections[slot].ownRequest?.deallocate()
            connections[slot].ownRequest = .allocate(byteCount: max(bytes.count, 1_024), alignment: 1)
        }
        connections[slot].ownRequest!.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        connections[slot].ownRequestLength = bytes.count
        connections[slot].parser.answersHead = answersHead
        connections[slot].parser.capturesFields = capturesFields
        connections[slot].parser.keptBodyLimit = keptBodyLimit
        send(slot: slot)
    }

    /// The header fields and body kept of `slot`'s last response, handed over once.
    func takeCaptured(slot: Int) -> (headers: [HTTPHeaderField], body: [UInt8]) {
        connections[slot].parser.takeCaptured()
    }

    public func wait(until wakeAt: Int64?, maximumMilliseconds: Int32, responsesMayWait: Bool) {
        guard finished.isEmpty else { return }
        loop.wait(until: wakeAt, maximumMilliseconds: maximumMilliseconds, responsesMayWait: responsesMayWait) { slot, events, now in
            handle(slot, events: events, now: now)
        }
    }

    public func collect(_ deliver: (Int, SlotOutcome, Int64) -> Void) {
        expireTimeouts()
        finished.deliver(deliver)
    }

    public func release() {
        guard !released else { return }
        released = true
        for slot in 0..<count where connections[slot].socket.isOpen { closeConnection(slot) }
        for slot in 0..<count { connections[slot].ownRequest?.deallocate() }
        connections.deinitialize(count: count)
        connections.deallocate()
        buffers.deallocate()
        request.deallocate()
        loop.close()
    }

    deinit { release() }

    // MARK: Connecting, handshaking and writing

    private func connect(_ slot: Int, now: Int64) {
        guard address.resolved else { return fail(slot, .dns, now: now) }
        let error = connections[slot].socket.connect(to: address)
        guard error == 0 else { return fail(slot, ErrorKind(connectErrno: error), now: now) }
        connections[slot].state = .connecting
        connections[slot].reused = false
        connections[slot].connectStarted = now
        connections[slot].tlsMicroseconds = nil
        connections[slot].bufferStart = 0
        connections[slot].bufferFill = 0
        connections[slot].wantsWrite = true
        loop.add(connections[slot].socket.descriptor, token: slot)
    }

    /// The bytes `slot` sends: its own request when it was given one, the run's otherwise.
    private func requestBytes(_ slot: Int) -> UnsafeRawBufferPointer {
        guard let own = connections[slot].ownRequest else { return UnsafeRawBufferPointer(request) }
        return UnsafeRawBufferPointer(rebasing: own[..<connections[slot].ownRequestLength])
    }

    /// Starts the TLS handshake on a connection whose TCP connect just completed.
    private func startHandshake(_ slot: Int, context: TLSContext, now: Int64) {
        guard connections[slot].socket.startTLS(context), let tls = connections[slot].socket.tls else {
            closeConnection(slot)
            return fail(slot, .local, now: now)
        }
        connections[slot].handshakeStarted = now
        connections[slot].state = .handshaking
        handshake(slot, tls, now: now)
    }

    private func handshake(_ slot: Int, _ tls: TLSConnection, now: Int64) {
        switch tls.handshake() {
        case .done:
            connections[slot].tlsMicroseconds = (now - connections[slot].handshakeStarted) / 1_000
            connections[slot].requestStarted = now
            write(slot, now: now)
        case .wouldBlock(let needsWritable):
            if connections[slot].wantsWrite != needsWritable { watch(slot, writes: needsWritable) }
        case .failed:
            // As libcurl reports it (CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION):
            // a refused certificate, a server that speaks no TLS, or one that left mid-handshake.
            closeConnection(slot)
            fail(slot, .tls, now: now)
        }
    }

    private func write(_ slot: Int, now: Int64) {
        let request = requestBytes(slot)
        while true {
            let written = connections[slot].written
            switch connections[slot].socket.transmit(request.baseAddress! + written, count: request.count - written) {
            case .moved(let sent):
                connections[slot].written += sent
                guard connections[slot].written == request.count else { continue }
                connections[slot].state = .reading
                if connections[slot].wantsWrite { watch(slot, writes: false) }
                return
            case .wouldBlock:
                // TLS may want the socket readable instead (a renegotiation, which TLS 1.3
                // does not have); watching for writable then retries at once until it went.
                connections[slot].state = .writing
                if !connections[slot].wantsWrite { watch(slot, writes: true) }
                return
            case .closed, .failed:
                return retryOrFail(slot, .reset, now: now)
            }
        }
    }

    private func watch(_ slot: Int, writes: Bool) {
        connections[slot].wantsWrite = writes
        loop.watch(connections[slot].socket.descriptor, token: slot, writes: writes)
    }

    // MARK: Events

    private func handle(_ slot: Int, events: UInt32, now: Int64) {
        guard slot < count, connections[slot].socket.isOpen else { return }
        switch connections[slot].state {
        case .connecting:
            let error = connections[slot].socket.connectError
            guard error == 0 else {
                closeConnection(slot)
                return fail(slot, ErrorKind(connectErrno: error), now: now)
            }
            connections[slot].connectMicroseconds = (now - connections[slot].connectStarted) / 1_000
            connections[slot].resolveMicroseconds = pendingResolveMicroseconds
            pendingResolveMicroseconds = 0
            if let tlsContext { return startHandshake(slot, context: tlsContext, now: now) }
            connections[slot].requestStarted = now
            write(slot, now: now)
        case .handshaking:
            if let tls = connections[slot].socket.tls { handshake(slot, tls, now: now) }
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
        // Level-triggered epoll sees the socket, not what TLS decrypted from it already: bytes
        // still pending there are read before waiting again.
        while readOnce(slot, now: now), connections[slot].socket.hasPendingBytes {}
    }

    /// One read and what the parser made of it; true when the response needs more bytes.
    private func readOnce(_ slot: Int, now: Int64) -> Bool {
        let buffer = buffers + slot * Self.bufferSize
        if connections[slot].bufferFill == Self.bufferSize {
            let kept = connections[slot].bufferFill - connections[slot].bufferStart
            memmove(buffer, buffer + connections[slot].bufferStart, kept)
            connections[slot].bufferStart = 0
            connections[slot].bufferFill = kept
        }
        let fill = connections[slot].bufferFill
        let received: Int
        switch connections[slot].socket.receive(into: buffer + fill, count: Self.bufferSize - fill) {
        case .moved(let count):
            received = count
            // A TLS read that had to write (a key update's answer) is done now.
            if connections[slot].wantsWrite, connections[slot].state == .reading { watch(slot, writes: false) }
        case .wouldBlock(let needsWritable):
            if needsWritable, !connections[slot].wantsWrite { watch(slot, writes: true) }
            return false
        case .failed:
            retryOrFail(slot, .reset, now: now)
            return false
        case .closed:
            let progress = connections[slot].parser.endOfStream()
            guard progress == .complete else {
                retryOrFail(slot, .reset, now: now)
                return false
            }
            closeConnection(slot)
            complete(slot, now: now)
            return false
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
            return true
        case .complete:
            // Bytes beyond the response (a wrong Content-Length) would be read as the next
            // response: such a connection is not reused.
            if !connections[slot].parser.keepAlive || connections[slot].bufferFill > 0
                || connections[slot].socket.hasPendingBytes {
                closeConnection(slot)
            } else {
                connections[slot].state = .idle
            }
            complete(slot, now: now)
        case .malformed:
            closeConnection(slot)
            fail(slot, .protocolError, now: now)
        }
        return false
    }

    // MARK: Endings

    private func complete(_ slot: Int, now: Int64) {
        let connection = connections[slot]
        let phases = PhaseTimings(dns: connection.connectMicroseconds.map { _ in connection.resolveMicroseconds },
                                  connect: connection.connectMicroseconds,
                                  tls: connection.tlsMicroseconds,
                                  ttfb: (connection.firstByte - connection.requestStarted) / 1_000,
                                  transfer: (now - connection.firstByte) / 1_000)
        finished.append(slot: slot, .response(status: connection.parser.status, bytes: connection.parser.bodyBytes,
                                              phases: phases), at: now)
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
        if connections[slot].socket.isOpen { closeConnection(slot) }
        connections[slot].state = .idle
        finished.append(slot: slot, .failed(kind), at: now)
    }

    private func closeConnection(_ slot: Int) {
        guard connections[slot].socket.isOpen else { return }
        connections[slot].socket.close()
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
