/// Where one request's time went, in microseconds, as libcurl measured it.
public struct PhaseTimings: Sendable, Equatable {
    /// Name resolution; nil when the request reused a connection.
    public var dns: Int64?
    /// TCP connect; nil when the request reused a connection.
    public var connect: Int64?
    /// TLS handshake; nil without a new TLS connection.
    public var tls: Int64?
    /// From the request being sent to the first response byte.
    public var ttfb: Int64
    /// From the first to the last response byte.
    public var transfer: Int64

    /// Timings of a request on a connection that was already open.
    public init(dns: Int64? = nil, connect: Int64? = nil, tls: Int64? = nil, ttfb: Int64 = 0, transfer: Int64 = 0) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.ttfb = ttfb
        self.transfer = transfer
    }
}
