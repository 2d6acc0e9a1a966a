import LoadEngine

/// How a run would send its requests, for `--dry-run`: the client `auto` resolves to, the
/// protocol, streams and threads, and how TLS is checked, so that a plan shows what a run
/// would measure before anything is sent.
public struct PlannedTransport: Encodable, Sendable, Equatable {
    /// `native` (perfkit's own client) or `curl`.
    public var client: String
    /// `HTTP/1.1` or `HTTP/2`.
    public var httpVersion: String
    /// Requests in flight on each connection.
    public var streams: Int
    /// Transport threads.
    public var threads: Int
    /// How the server's certificate is checked; nil for plain http://.
    public var tls: String?

    /// The transport `options` give for requests to `url` on `client`.
    public init(options: TransportOptions, client: TransportKind, url: String) {
        self.client = client.rawValue
        httpVersion = options.http2 ? "HTTP/2" : "HTTP/1.1"
        streams = options.streams
        threads = options.threads
        tls = if !url.lowercased().hasPrefix("https://") {
            nil
        } else if options.insecure {
            "not verified (--insecure)"
        } else if let caBundle = options.caBundle {
            "verified against \(HTTPFieldSyntax.escaped(caBundle)) (--cacert)"
        } else {
            "verified against the system's certificate authorities"
        }
    }

    /// One line: `native HTTP/1.1, 1 thread`, with streams per connection on HTTP/2.
    public var text: String {
        var parts = ["\(client) \(httpVersion)"]
        if httpVersion == "HTTP/2" { parts.append("\(streams) stream\(streams == 1 ? "" : "s") per connection") }
        parts.append("\(threads) thread\(threads == 1 ? "" : "s")")
        return parts.joined(separator: ", ")
    }
}
