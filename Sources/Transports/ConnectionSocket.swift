import CNet
import Glibc

/// A native connection's non-blocking socket and, for https://, the TLS session on it: reads
/// and writes go through TLS when there is one. Shared by the HTTP/1.1 and HTTP/2 clients.
struct ConnectionSocket {
    /// The socket; -1 when closed.
    private(set) var descriptor: Int32 = -1
    /// The TLS session on the socket, for https://.
    private(set) var tls: TLSConnection? = nil

    /// Whether a socket is open.
    var isOpen: Bool { descriptor >= 0 }

    /// Starts a non-blocking connect to `address`: 0, or the errno that refused it at once.
    mutating func connect(to address: TargetAddress) -> Int32 {
        let descriptor = address.connect()
        guard descriptor >= 0 else { return -descriptor }
        self.descriptor = descriptor
        return 0
    }

    /// The error the connect in progress ended with, 0 when it succeeded.
    var connectError: Int32 { pk_socket_error(descriptor) }

    /// Starts TLS on the connected socket; false when OpenSSL cannot allocate a connection.
    mutating func startTLS(_ context: TLSContext) -> Bool {
        tls = context.connection(on: descriptor)
        return tls != nil
    }

    /// Sends what the socket takes of `count` bytes, through TLS for https://.
    @inline(__always)
    func transmit(_ bytes: UnsafeRawPointer, count: Int) -> TransferResult {
        if let tls { return tls.write(bytes, count: count) }
        // send with MSG_NOSIGNAL: write() to a connection the server reset raises SIGPIPE and
        // would kill the process.
        let sent = Glibc.send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
        if sent > 0 { return .moved(sent) }
        let error = pk_errno()
        return sent < 0 && (error == EAGAIN || error == EINTR) ? .wouldBlock(needsWritable: true) : .failed
    }

    /// Reads what the socket holds into `buffer`, through TLS for https://.
    @inline(__always)
    func receive(into buffer: UnsafeMutableRawPointer, count: Int) -> TransferResult {
        if let tls { return tls.read(into: buffer, count: count) }
        let received = Glibc.read(descriptor, buffer, count)
        if received > 0 { return .moved(received) }
        if received == 0 { return .closed }
        let error = pk_errno()
        return error == EAGAIN || error == EINTR ? .wouldBlock(needsWritable: false) : .failed
    }

    /// Whether TLS holds bytes read from the socket already, which epoll will not report.
    @inline(__always)
    var hasPendingBytes: Bool { tls?.hasPendingBytes == true }

    /// Frees the TLS session and closes the socket (which removes it from its epoll set).
    mutating func close() {
        guard descriptor >= 0 else { return }
        tls?.free()
        tls = nil
        Glibc.close(descriptor)
        descriptor = -1
    }
}

/// The address a native transport connects to, resolved once when the transport is made.
struct TargetAddress {
    private var address = sockaddr_storage()
    private var length: socklen_t = 0
    /// Whether the host resolved.
    let resolved: Bool
    /// How long resolving took, in microseconds.
    let resolveMicroseconds: Int64

    /// Resolves `origin`'s host and port.
    init(_ origin: HTTPOrigin) {
        let started = MonotonicClock.now()
        resolved = pk_resolve(origin.host, String(origin.port), &address, &length) == 0
        resolveMicroseconds = (MonotonicClock.now() - started) / 1_000
    }

    /// A new non-blocking socket connecting to the address, or -errno.
    fileprivate func connect() -> Int32 {
        withUnsafePointer(to: address) { pk_connect($0, length) }
    }
}
