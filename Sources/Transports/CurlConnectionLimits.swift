import CCurl

/// How many connections a libcurl multi handle opens and how many requests each carries:
/// exactly `connections` to the target, and on HTTP/2 `transport.streams` streams on each.
/// Without these caps libcurl multiplexes every request of an HTTP/2 run over one connection
/// per multi handle, whatever `--connections` says.
enum CurlConnectionLimits {
    /// Caps `multi` at `connections` connections of `transport.streams` requests each.
    static func apply(to multi: UnsafeMutableRawPointer, transport: TransportOptions, connections: Int) {
        pk_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections)
        pk_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, connections)
        pk_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, connections)
        guard transport.http2 else { return }
        pk_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        pk_multi_setopt_long(multi, CURLMOPT_MAX_CONCURRENT_STREAMS, transport.streams)
    }
}
