import CCurl
import Glibc

/// Why a request did not yield a successful response, in the words a user acts on.
public enum ErrorKind: String, CaseIterable, Sendable, Codable {
    /// The connection was refused (nothing listening, or a firewall reject).
    case refused
    /// The request did not complete within the timeout.
    case timeout
    /// The connection was closed or reset before the response was complete.
    case reset
    /// The host name could not be resolved.
    case dns
    /// The TLS handshake or certificate check failed.
    case tls
    /// The server's reply was not valid HTTP.
    case protocolError = "protocol"
    /// An https:// server of an HTTP/2 run did not select HTTP/2 by ALPN (h2load's "No protocol
    /// negotiated"). Not a fallback to HTTP/1.1: the run would measure another protocol.
    case http2NotNegotiated = "h2_not_negotiated"
    /// Any other transport failure.
    case other
    /// This machine ran out of something a connection needs (open files, local ports,
    /// buffers): the generator's own limit, not the target's doing.
    case local
    /// The server answered with a 4xx status.
    case http4xx = "http_4xx"
    /// The server answered with a 5xx status.
    case http5xx = "http_5xx"
    /// A response arrived but a scenario check or capture on it failed.
    case check

    /// The kind of a connect that failed with `errno`: `local` when this machine ran out of
    /// descriptors, ports or buffers, `refused` otherwise.
    init(connectErrno errno: Int32) {
        switch errno {
        case EMFILE, ENFILE, EADDRNOTAVAIL, ENOBUFS, ENOMEM: self = .local
        default: self = .refused
        }
    }

    /// The kind of a transport failure reported by libcurl; `osErrno` is the system error
    /// behind it (`CURLINFO_OS_ERRNO`), which tells this machine's limits from the target's.
    init(curlCode code: CURLcode, osErrno: Int32 = 0) {
        if code == CURLE_COULDNT_CONNECT {
            self.init(connectErrno: osErrno)
            return
        }
        switch code {
        case CURLE_COULDNT_CONNECT: self = .refused
        case CURLE_OPERATION_TIMEDOUT: self = .timeout
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE: self = .reset
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: self = .dns
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_NOTFOUND,
             CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            self = .tls
        case CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_BAD_CONTENT_ENCODING,
             CURLE_UNSUPPORTED_PROTOCOL:
            self = .protocolError
        default: self = .other
        }
    }

    /// The kind an HTTP status counts as, or `nil` for a success (1xx to 3xx). Inlinable: the
    /// load workers call it for every response.
    @inlinable
    public init?(httpStatus status: Int) {
        switch status {
        case 400..<500: self = .http4xx
        case 500...: self = .http5xx
        default: return nil
        }
    }

    /// Whether the failure happened below HTTP (no status was received).
    public var isTransportFailure: Bool {
        switch self {
        case .http4xx, .http5xx, .check: false
        default: true
        }
    }
}
