/// What every request of a run sends.
public struct RequestSpec: Sendable, Equatable {
    /// Absolute `http://` or `https://` URL.
    public var url: String
    /// HTTP method, upper case.
    public var method: String
    /// Header lines as `Name: value`.
    public var headers: [String]
    /// Request body, sent with every request when present.
    public var body: [UInt8]?

    /// Creates a request description.
    public init(url: String, method: String = "GET", headers: [String] = [], body: [UInt8]? = nil) {
        self.url = url
        self.method = method.uppercased()
        self.headers = headers
        self.body = body
    }
}

/// How the transport connects and how long it waits.
public struct TransportOptions: Sendable, Equatable {
    /// Connections to keep open at most (each one carries one request at a time on HTTP/1.1).
    public var connections: Int
    /// Transport threads, each with its own libcurl multi handle and share of the connections.
    public var threads: Int
    /// Time allowed for one request, connect included.
    public var timeout: Duration
    /// Skip TLS certificate and host name verification.
    public var insecure: Bool
    /// Negotiate HTTP/2 (ALPN for https, prior knowledge for plain http).
    public var http2: Bool

    /// Creates transport options; `threads` is clamped to `1...connections`.
    public init(connections: Int = 64, threads: Int = 1, timeout: Duration = .seconds(10),
                insecure: Bool = false, http2: Bool = false) {
        self.connections = connections
        self.threads = max(1, min(threads, connections))
        self.timeout = timeout
        self.insecure = insecure
        self.http2 = http2
    }
}
