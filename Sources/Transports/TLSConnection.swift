import CTLS

/// One connection's TLS session (an OpenSSL `SSL` on its socket): the handshake, then reads and
/// writes in place of the socket's own. Freed with `free()` when the connection closes; no
/// close_notify is sent, as the socket is closed right after.
struct TLSConnection {
    private let ssl: OpaquePointer

    init(_ ssl: OpaquePointer) {
        self.ssl = ssl
    }

    /// How far the handshake came.
    enum HandshakeStep {
        case done
        case wouldBlock(needsWritable: Bool)
        /// The server's certificate or its side of the protocol was refused, or it went away.
        case failed
    }

    /// Moves the handshake on as far as the socket allows.
    func handshake() -> HandshakeStep {
        switch pk_tls_handshake(ssl) {
        case 1: .done
        case Int(PK_TLS_WANTS_READ): .wouldBlock(needsWritable: false)
        case Int(PK_TLS_WANTS_WRITE): .wouldBlock(needsWritable: true)
        default: .failed
        }
    }

    /// Decrypts up to `count` bytes into `buffer`.
    @inline(__always)
    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> TransferResult {
        Self.result(pk_tls_read(ssl, buffer, Int32(clamping: count)))
    }

    /// Encrypts and sends up to `count` bytes from `bytes`.
    @inline(__always)
    func write(_ bytes: UnsafeRawPointer, count: Int) -> TransferResult {
        Self.result(pk_tls_write(ssl, bytes, Int32(clamping: count)))
    }

    /// Whether bytes wait in OpenSSL's buffers, decrypted or not (it reads ahead): the socket
    /// will not say so, as they were read from it already.
    @inline(__always)
    var hasPendingBytes: Bool { SSL_has_pending(ssl) == 1 }

    /// Whether the server selected `wanted` by ALPN in the handshake.
    func selected(_ wanted: ApplicationProtocol) -> Bool {
        let name = wanted.name
        return pk_tls_selected_protocol(ssl, name, UInt32(name.utf8.count)) == 1
    }

    func free() { pk_tls_connection_free(ssl) }

    @inline(__always)
    private static func result(_ code: Int) -> TransferResult {
        switch code {
        case 1...: .moved(code)
        case Int(PK_TLS_WANTS_READ): .wouldBlock(needsWritable: false)
        case Int(PK_TLS_WANTS_WRITE): .wouldBlock(needsWritable: true)
        case Int(PK_TLS_CLOSED): .closed
        default: .failed
        }
    }
}
