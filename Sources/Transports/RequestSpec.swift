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
        // Already upper case (no byte from "a" up, nor beyond ASCII) is the usual case, and kept as it is.
        self.method = method.utf8.contains { $0 >= UInt8(ascii: "a") } ? method.uppercased() : method
        self.headers = headers
        self.body = body
    }
}

/// Which HTTP client sends a load run's requests.
public enum TransportKind: String, Sendable, CaseIterable {
    /// perfkit's own client for http:// and https:// targets (HTTP/2 too in load runs; scenario
    /// flows with HTTP/2 go through libcurl).
    case auto
    /// perfkit's own client: HTTP/1.1, and HTTP/2 in load runs (http:// and https://).
    case native
    /// libcurl's multi interface: HTTP/2, and everything libcurl speaks.
    case curl
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
    /// PEM file of the certificate authorities to trust instead of the system's.
    public var caBundle: String?
    /// Negotiate HTTP/2 (ALPN for https, prior knowledge for plain http).
    public var http2: Bool
    /// Which client sends the requests (a scenario's go natively only when all its steps stay
    /// on its plain http:// target).
    public var kind: TransportKind
    /// Requests in flight at once on each connection: HTTP/2 streams (h2load's `-m`); 1 on
    /// HTTP/1.1, which carries one request at a time.
    public var streams: Int

    /// Creates transport options; `threads` is clamped to `1...connections`.
    public init(connections: Int = 64, threads: Int = 1, timeout: Duration = .seconds(10),
                insecure: Bool = false, caBundle: String? = nil, http2: Bool = false, kind: TransportKind = .auto,
                streams: Int = 1) {
        self.connections = connections
        self.threads = max(1, min(threads, connections))
        self.timeout = timeout
        self.insecure = insecure
        self.caBundle = caBundle
        self.http2 = http2
        self.kind = kind
        self.streams = streams
    }

    /// Requests in flight at once on `connections` connections: one per stream.
    public func slots(onConnections connections: Int) -> Int { connections * streams }

    /// The client `kind` stands for with `url` in a load run: `auto` picks the native one for
    /// http:// and https://, on HTTP/1.1 and HTTP/2 alike (its HTTP/2 client costs a third of
    /// libcurl's CPU per request: see the README).
    public func resolvedKind(for url: String) -> TransportKind {
        guard kind == .auto else { return kind }
        return Self.nativeSpeaks(url) ? .native : .curl
    }

    /// Whether the native client speaks `url`'s scheme.
    public static func nativeSpeaks(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }
}
