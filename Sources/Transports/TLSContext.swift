import CTLS

/// The TLS side of one native transport: an OpenSSL client context its connections share, set
/// up once for the run's host, and the last session the server issued, which every new
/// connection offers so that a reconnect resumes instead of doing a full handshake.
final class TLSContext {
    private let client: UnsafeMutablePointer<pk_tls_client>

    /// A context for `host` (a name or an IP literal) offering `protocols` by ALPN, in order of
    /// preference. Unless
    /// `insecure`, certificates are checked against `caBundle` (nil: the system's trust store)
    /// and must name `host`. Throws when OpenSSL rejects the setup or the bundle.
    init(host: String, insecure: Bool, caBundle: String?, offering protocols: [ApplicationProtocol] = [.http1])
        throws(TransportError) {
        var message = [CChar](repeating: 0, count: 256)
        let alpn = protocols.flatMap { [UInt8($0.name.utf8.count)] + Array($0.name.utf8) }
        let made = message.withUnsafeMutableBufferPointer { buffer in
            pk_tls_client_create(host, insecure ? 0 : 1, caBundle, alpn, UInt32(alpn.count), buffer.baseAddress, buffer.count)
        }
        guard let made else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let caBundle { throw .unusableCABundle(path: caBundle, reason: reason) }
            throw .setupFailed(call: "SSL_CTX_new", detail: reason)
        }
        client = made
    }

    /// A TLS connection over the connected socket `descriptor`, its handshake not started; nil
    /// when OpenSSL cannot allocate one.
    func connection(on descriptor: Int32) -> TLSConnection? {
        pk_tls_connection_create(client, descriptor).map(TLSConnection.init)
    }

    deinit { pk_tls_client_free(client) }
}

/// A protocol a native transport offers by ALPN.
enum ApplicationProtocol {
    case http1
    case http2

    /// The protocol's ALPN name.
    var name: String {
        switch self {
        case .http1: "http/1.1"
        case .http2: "h2"
        }
    }
}

/// A file of certificate authorities to trust (`--cacert`).
public enum CABundle {
    /// Throws `unusableCABundle` when OpenSSL loads no certificate from `path`: checked before a
    /// run starts, so that a wrong file is bad input rather than every connection's failure.
    public static func validate(_ path: String) throws(TransportError) {
        _ = try TLSContext(host: "localhost", insecure: false, caBundle: path)
    }
}
