/// The timings recorded for every request, each into its own HDR histogram.
public enum LatencyMetric: String, CaseIterable, Sendable, Codable {
    /// From the intended send time to the last byte: what a user of the service waits,
    /// including time queued behind a slow response (coordinated-omission corrected).
    case latency
    /// From the actual send to the last byte (what wrk and ab call latency).
    case serviceTime = "service_time"
    /// From the intended send time to the actual send: waiting for a free connection.
    case wait
    /// Name resolution, on requests that opened a connection.
    case dns
    /// TCP connect, on requests that opened a connection.
    case connect
    /// TLS handshake, on requests that opened a TLS connection.
    case tls
    /// From the request being sent to the first response byte.
    case ttfb
    /// From the first to the last response byte.
    case transfer

    /// The phases shown in the phase breakdown, in the order a request goes through them.
    public static let phases: [LatencyMetric] = [.wait, .dns, .connect, .tls, .ttfb, .transfer]
}
