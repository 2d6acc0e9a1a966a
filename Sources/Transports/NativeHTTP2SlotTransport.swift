import CHTTP2
import CNet
import Glibc

/// Slots on perfkit's own HTTP/2 client: `connections` connections of `streams` slots each,
/// every connection a non-blocking socket in the thread's epoll loop (through TLS with ALPN "h2"
/// for https://, prior knowledge for http://) carrying one nghttp2 client session. Slot `s`
/// always rides connection `s / streams`, so a run opens exactly the connections asked for with
/// at most `streams` requests in flight on each. Requests submitted while delivering responses
/// go out together: one `mem_send` loop and one write per connection per turn of the loop.
///
/// A connection that breaks fails the requests it carried that had begun to be answered; those
/// the server never answered (GOAWAY, refused streams, a close before any byte) go again once on
/// a new connection. An https:// server that does not select h2 fails the connection's requests
/// as `http2NotNegotiated`, where h2load stops with "No protocol negotiated".
public final class NativeHTTP2SlotTransport: SlotTransport {
    private enum State { case idle, connecting, handshaking, open }

    private struct Connection {
        var socket = ConnectionSocket()
        var state = State.idle
        var wantsWrite = false
        /// Whether it is listed in `unflushed`: its session has output to produce.
        var unflushed = false
        var connectStarted: Int64 = 0
        var connectMicroseconds: Int64 = 0
        var handshakeStarted: Int64 = 0
        var tlsMicroseconds: Int64? = nil
        var resolveMicroseconds: Int64 = 0
    }

    private struct Slot {
        var inFlight = false
        /// Waiting for its connection to be made again (the server is closing the one it had).
        var queued = false
        var retried = false
        /// Submitted while its connection was being set up: it reports the connect and handshake.
        var opening = false
        var requestStarted: Int64 = 0
        var deadline: Int64 = 0
    }

    /// Bytes read at once from a socket; nghttp2 consumes them all before the next read.
    private static let readSize = 64 * 1_024

    private let connectionCount: Int
    private let streamsPerConnection: Int
    private let slotCount: Int
    private let connections: UnsafeMutablePointer<Connection>
    private let slots: UnsafeMutablePointer<Slot>
    /// The C side: one session per connection, one stream state per slot, the queue of slots
    /// whose stream ended, and what they share.
    private let sessions: UnsafeMutablePointer<pk_h2_connection>
    private let streamStates: UnsafeMutablePointer<pk_h2_stream>
    private let ended: UnsafeMutablePointer<Int32>
    private let run: UnsafeMutablePointer<pk_h2_run>
    private let headers: HTTP2RequestHeaders
    private let readBuffer: UnsafeMutableRawPointer
    private let address: TargetAddress
    /// The OpenSSL context of an https:// run; nil for http://. It offers http/1.1 after h2, so
    /// that a server without HTTP/2 completes the handshake (nginx aborts it when it finds no
    /// protocol it speaks) and its requests fail as `http2NotNegotiated` rather than `tls`.
    private let tlsContext: TLSContext?
    /// How long resolving the host took; reported by the first connection.
    private var pendingResolveMicroseconds: Int64
    private let loop: EventLoop
    /// The loop's epoll and eventfd descriptors (internal: tests check they are closed).
    var loopDescriptors: [Int32] { [loop.epoll, loop.wakeDescriptor] }
    private let timeout: Int64
    private var nextTimeoutScan: Int64 = 0
    private var unflushed: [Int] = []
    private let finished: FinishedRequests
    private var released = false
    public var waker: @Sendable () -> Void { loop.waker }

    /// `connections` connections of `transport.streams` slots each sending `spec`; throws for a
    /// URL it does not speak, or when epoll, TLS or nghttp2 cannot be set up.
    public init(request spec: RequestSpec, transport: TransportOptions, connections count: Int) throws(TransportError) {
        let request = try NativeRequest(spec)
        tlsContext = request.origin.usesTLS
            ? try TLSContext(host: request.origin.host, insecure: transport.insecure, caBundle: transport.caBundle,
                             offering: [.http2, .http1])
            : nil
        loop = try EventLoop(longestPoll: PollingPolicy.longestPoll)
        connectionCount = count
        streamsPerConnection = transport.streams
        slotCount = transport.slots(onConnections: count)
        timeout = transport.timeout.nanosecondsClamped
        headers = HTTP2RequestHeaders(spec, request: request)
        address = TargetAddress(request.origin)
        pendingResolveMicroseconds = address.resolveMicroseconds
        connections = .allocate(capacity: count)
        connections.initialize(repeating: Connection(), count: count)
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: Slot(), count: slotCount)
        streamStates = .allocate(capacity: slotCount)
        streamStates.initialize(repeating: pk_h2_stream(), count: slotCount)
        ended = .allocate(capacity: slotCount)
        run = .allocate(capacity: 1)
        run.initialize(to: pk_h2_run())
        sessions = .allocate(capacity: count)
        sessions.initialize(repeating: pk_h2_connection(), count: count)
        readBuffer = .allocate(byteCount: Self.readSize, alignment: 64)
        finished = FinishedRequests(capacity: slotCount * 2)
        unflushed.reserveCapacity(count)
        for index in 0..<count {
            sessions[index].run = run
            sessions[index].first_slot = Int32(index * streamsPerConnection)
            sessions[index].slot_count = Int32(streamsPerConnection)
        }
        let body = headers.body
        guard pk_h2_run_init(run, streamStates, ended, Int32(slotCount),
                             body?.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt32(body?.count ?? 0)) == 0 else {
            release()
            throw .setupFailed(call: "nghttp2_session_callbacks_new", detail: "out of memory")
        }
    }

    // MARK: SlotTransport

    public func send(slot: Int) {
        let now = MonotonicClock.now()
        slots[slot] = Slot(inFlight: true, deadline: now + timeout)
        start(slot, now: now)
    }

    public func wait(until wakeAt: Int64?, maximumMilliseconds: Int32, responsesMayWait: Bool) {
        flush()
        guard finished.isEmpty else { return }
        loop.wait(until: wakeAt, maximumMilliseconds: maximumMilliseconds, responsesMayWait: responsesMayWait) { index, events, now in
            handle(index, events: events, now: now)
        }
    }

    public func collect(_ deliver: (Int, SlotOutcome, Int64) -> Void) {
        flush()
        expireTimeouts()
        finished.deliver(deliver)
    }

    public func release() {
        guard !released else { return }
        released = true
        for index in 0..<connectionCount {
            connections[index].socket.close()
            pk_h2_connection_free(sessions + index)
        }
        pk_h2_run_free(run)
        connections.deinitialize(count: connectionCount)
        connections.deallocate()
        slots.deinitialize(count: slotCount)
        slots.deallocate()
        streamStates.deallocate()
        ended.deallocate()
        run.deallocate()
        sessions.deallocate()
        readBuffer.deallocate()
        loop.close()
    }

    deinit { release() }

    // MARK: Starting requests and connections

    /// Submits `slot`'s request on its connection, opening that first when it is closed.
    private func start(_ slot: Int, now: Int64) {
        let index = slot / streamsPerConnection
        if connections[index].state == .idle {
            open(index, now: now)
            guard connections[index].state != .idle else { return }
        }
        if sessions[index].goaway_received != 0 {
            slots[slot].queued = true
            return
        }
        guard pk_h2_submit(sessions + index, Int32(slot), headers.fields, headers.count) > 0 else {
            return fail(slot, .other, now: now)
        }
        slots[slot].opening = connections[index].state != .open
        slots[slot].requestStarted = now
        markUnflushed(index)
    }

    /// Starts connecting connection `index` and its session (whose preface waits until the socket
    /// is ready); when that fails at once, the requests waiting for it fail.
    private func open(_ index: Int, now: Int64) {
        guard address.resolved else { return failWaiting(index, .dns, now: now) }
        let error = connections[index].socket.connect(to: address)
        guard error == 0 else { return failWaiting(index, ErrorKind(connectErrno: error), now: now) }
        guard pk_h2_connection_open(sessions + index) == 0 else {
            connections[index].socket.close()
            return failWaiting(index, .local, now: now)
        }
        connections[index].state = .connecting
        connections[index].connectStarted = now
        connections[index].tlsMicroseconds = nil
        connections[index].wantsWrite = true
        loop.add(connections[index].socket.descriptor, token: index)
    }

    private func handshake(_ index: Int, now: Int64) {
        guard let tls = connections[index].socket.tls else { return }
        switch tls.handshake() {
        case .done:
            connections[index].tlsMicroseconds = (now - connections[index].handshakeStarted) / 1_000
            // No fallback to HTTP/1.1: the run asked for HTTP/2 and would measure another protocol.
            guard tls.selected(.http2) else { return closeConnection(index, .http2NotNegotiated, now: now, retrying: false) }
            becomeOpen(index, now: now)
        case .wouldBlock(let needsWritable):
            if connections[index].wantsWrite != needsWritable { watch(index, writes: needsWritable) }
        case .failed:
            closeConnection(index, .tls, now: now, retrying: false)
        }
    }

    /// The connection is ready for HTTP/2: the requests waiting on it start their clocks and go.
    private func becomeOpen(_ index: Int, now: Int64) {
        connections[index].state = .open
        for slot in slotRange(index) where slots[slot].inFlight && !slots[slot].queued { slots[slot].requestStarted = now }
        write(index, now: now)
    }

    // MARK: Writing

    private func markUnflushed(_ index: Int) {
        guard !connections[index].unflushed else { return }
        connections[index].unflushed = true
        unflushed.append(index)
    }

    /// Writes what every session with new output has to send: one batch per connection for all
    /// the requests submitted since the last turn.
    private func flush() {
        guard !unflushed.isEmpty else { return }
        let now = MonotonicClock.now()
        var position = 0
        // Writing may close a connection and open it again, which lists it again.
        while position < unflushed.count {
            let index = unflushed[position]
            position += 1
            connections[index].unflushed = false
            if connections[index].state == .open { write(index, now: now) }
        }
        unflushed.removeAll(keepingCapacity: true)
    }

    /// Sends the session's output until it has none or the socket is full.
    private func write(_ index: Int, now: Int64) {
        let session = sessions + index
        while true {
            if session.pointee.out_start == session.pointee.out_end {
                let produced = pk_h2_produce(session)
                settleEndedStreams(now: now)
                guard produced >= 0 else { return closeConnection(index, .protocolError, now: now, retrying: false) }
                if produced == 0 { break }
            }
            let start = session.pointee.out_start
            let pending = session.pointee.out_end - start
            switch connections[index].socket.transmit(session.pointee.out + start, count: pending) {
            case .moved(let sent):
                session.pointee.out_start += sent
            case .wouldBlock:
                // TLS may want the socket readable instead (a renegotiation, which TLS 1.3 does not
                // have); watching for writable then retries at once until it went.
                if !connections[index].wantsWrite { watch(index, writes: true) }
                return
            case .closed, .failed:
                return closeConnection(index, .reset, now: now)
            }
        }
        if connections[index].wantsWrite { watch(index, writes: false) }
        closeIfDone(index, now: now)
    }

    private func watch(_ index: Int, writes: Bool) {
        connections[index].wantsWrite = writes
        loop.watch(connections[index].socket.descriptor, token: index, writes: writes)
    }

    // MARK: Events

    private func handle(_ index: Int, events: UInt32, now: Int64) {
        guard index < connectionCount, connections[index].socket.isOpen else { return }
        switch connections[index].state {
        case .connecting:
            let error = connections[index].socket.connectError
            guard error == 0 else { return closeConnection(index, ErrorKind(connectErrno: error), now: now, retrying: false) }
            connections[index].connectMicroseconds = (now - connections[index].connectStarted) / 1_000
            connections[index].resolveMicroseconds = pendingResolveMicroseconds
            pendingResolveMicroseconds = 0
            guard let tlsContext else { return becomeOpen(index, now: now) }
            guard connections[index].socket.startTLS(tlsContext) else {
                return closeConnection(index, .local, now: now, retrying: false)
            }
            connections[index].handshakeStarted = now
            connections[index].state = .handshaking
            handshake(index, now: now)
        case .handshaking:
            handshake(index, now: now)
        case .open:
            if events & UInt32(EPOLLOUT.rawValue) != 0, connections[index].wantsWrite { write(index, now: now) }
            if events & ~UInt32(EPOLLOUT.rawValue) != 0, connections[index].state == .open { read(index, now: now) }
        case .idle:
            break
        }
    }

    /// Feeds what the socket holds to the session, then settles the streams that ended. Level-
    /// triggered epoll sees the socket, not what TLS decrypted from it already: bytes pending
    /// there are read before waiting again.
    private func read(_ index: Int, now: Int64) {
        repeat {
            switch connections[index].socket.receive(into: readBuffer, count: Self.readSize) {
            case .moved(let count):
                let fed = pk_h2_receive(sessions + index, readBuffer.assumingMemoryBound(to: UInt8.self), count, now)
                settleEndedStreams(now: now)
                guard fed == 0 else { return closeConnection(index, .protocolError, now: now, retrying: false) }
            case .wouldBlock(let needsWritable):
                if needsWritable, !connections[index].wantsWrite { watch(index, writes: true) }
                return afterRead(index, now: now)
            case .closed, .failed:
                return closeConnection(index, .reset, now: now)
            }
        } while connections[index].socket.hasPendingBytes
        afterRead(index, now: now)
    }

    /// What a read left the session wanting: to answer (SETTINGS and PING acknowledgements, window
    /// updates) in the next flush, or nothing more (a GOAWAY and no stream left).
    private func afterRead(_ index: Int, now: Int64) {
        if pk_h2_wants_write(sessions + index) != 0 { markUnflushed(index) }
        closeIfDone(index, now: now)
    }

    /// Closes a connection whose session is over: the server's GOAWAY came and its streams ended,
    /// or this side ended it for a protocol error.
    private func closeIfDone(_ index: Int, now: Int64) {
        guard connections[index].state == .open, pk_h2_is_alive(sessions + index) == 0 else { return }
        closeConnection(index, .reset, now: now)
    }

    // MARK: Endings

    /// Settles every slot whose stream ended since the last call (the C callbacks list them).
    private func settleEndedStreams(now: Int64) {
        while run.pointee.ended_count > 0 {
            let count = Int(run.pointee.ended_count)
            run.pointee.ended_count = 0
            for position in 0..<count { settle(Int(ended[position]), now: now) }
        }
    }

    private func settle(_ slot: Int, now: Int64) {
        guard slots[slot].inFlight, !slots[slot].queued else { return }
        let stream = streamStates[slot]
        switch stream.error_code {
        case NGHTTP2_NO_ERROR.rawValue where stream.status > 0:
            complete(slot, stream, now: now)
        case NGHTTP2_REFUSED_STREAM.rawValue where !slots[slot].retried:
            // The server did not process it (RFC 9113 §8.7): it may go again.
            slots[slot].retried = true
            start(slot, now: now)
        case NGHTTP2_NO_ERROR.rawValue, NGHTTP2_PROTOCOL_ERROR.rawValue, NGHTTP2_FLOW_CONTROL_ERROR.rawValue,
             NGHTTP2_FRAME_SIZE_ERROR.rawValue, NGHTTP2_COMPRESSION_ERROR.rawValue, NGHTTP2_STREAM_CLOSED.rawValue:
            fail(slot, .protocolError, now: now)
        default:
            fail(slot, .reset, now: now)
        }
    }

    private func complete(_ slot: Int, _ stream: pk_h2_stream, now: Int64) {
        let connection = connections[slot / streamsPerConnection]
        let opening = slots[slot].opening
        let phases = PhaseTimings(dns: opening ? connection.resolveMicroseconds : nil,
                                  connect: opening ? connection.connectMicroseconds : nil,
                                  tls: opening ? connection.tlsMicroseconds : nil,
                                  ttfb: max(0, stream.first_byte - slots[slot].requestStarted) / 1_000,
                                  transfer: max(0, now - stream.first_byte) / 1_000)
        slots[slot].inFlight = false
        finished.append(slot: slot, .response(status: Int(stream.status), bytes: stream.bytes, phases: phases), at: now)
    }

    private func fail(_ slot: Int, _ kind: ErrorKind, now: Int64) {
        slots[slot].inFlight = false
        slots[slot].queued = false
        finished.append(slot: slot, .failed(kind), at: now)
    }

    /// Fails the requests waiting on closed connection `index`, which could not be opened.
    private func failWaiting(_ index: Int, _ kind: ErrorKind, now: Int64) {
        for slot in slotRange(index) where slots[slot].inFlight { fail(slot, kind, now: now) }
    }

    /// Closes connection `index`. Its requests still in flight fail as `kind` (`protocol` when
    /// this side found the server breaking the protocol), except, when `retrying`, those the
    /// server never began to answer: they go again, once, on a new connection, with the requests
    /// that waited for the server to finish with this one.
    private func closeConnection(_ index: Int, _ kind: ErrorKind, now: Int64, retrying: Bool = true) {
        settleEndedStreams(now: now)
        let brokeProtocol = sessions[index].protocol_failed != 0
        pk_h2_connection_close(sessions + index)
        connections[index].socket.close()
        connections[index].state = .idle
        connections[index].wantsWrite = false
        var reopens = false
        for slot in slotRange(index) where slots[slot].inFlight {
            if slots[slot].queued {
                reopens = true
            } else if retrying, !brokeProtocol, !slots[slot].retried, streamStates[slot].first_byte == 0 {
                slots[slot].retried = true
                slots[slot].queued = true
                reopens = true
            } else {
                fail(slot, brokeProtocol ? .protocolError : kind, now: now)
            }
        }
        guard reopens else { return }
        for slot in slotRange(index) where slots[slot].inFlight && slots[slot].queued {
            slots[slot].queued = false
            start(slot, now: now)
        }
    }

    private func slotRange(_ index: Int) -> Range<Int> {
        index * streamsPerConnection..<(index + 1) * streamsPerConnection
    }

    /// Requests past their deadline fail as timeouts; looked at every 10 ms, not per request. On
    /// an open connection the stream is cancelled; a connection still being set up is closed.
    private func expireTimeouts() {
        let now = MonotonicClock.now()
        guard now >= nextTimeoutScan else { return }
        nextTimeoutScan = now + 10_000_000
        for slot in 0..<slotCount where slots[slot].inFlight && slots[slot].deadline <= now {
            let index = slot / streamsPerConnection
            if slots[slot].queued || connections[index].state != .open {
                if !slots[slot].queued { closeConnection(index, .timeout, now: now, retrying: false) }
                if slots[slot].inFlight { fail(slot, .timeout, now: now) }
                continue
            }
            pk_h2_cancel(sessions + index, Int32(slot))
            fail(slot, .timeout, now: now)
            markUnflushed(index)
        }
    }
}
