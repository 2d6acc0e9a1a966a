import LoadEngine

/// The checks made before watching starts: that the target and Prometheus can be reached at all,
/// and that Prometheus accepts every query. A monitor that cannot see must say so (exit 4, or 2
/// for a bad query) rather than pass or fail a deploy it never saw.
public enum MonitorPreflight {
    /// Why watching cannot start.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The probe's first request was refused or its host name does not resolve.
        case targetUnreachable(url: String, ErrorKind)
        /// Prometheus did not answer `query`, or refused it.
        case prometheus(PrometheusError, query: PrometheusQuery)
        /// The transport for the first request could not be set up.
        case transport(TransportError)

        /// Whether the monitor's input is at fault (a query Prometheus cannot parse) rather than
        /// the network or a server.
        public var isBadInput: Bool {
            if case .prometheus(let error, _) = self { return error.isBadQuery }
            return false
        }

        /// A sentence a user can act on.
        public var description: String {
            switch self {
            case .targetUnreachable(let url, let kind):
                "target unreachable: \(url) (\(kind.rawValue)); nothing was monitored"
            case .prometheus(let error, let query):
                "--query \(query.name): \(error.description)"
            case .transport(let error):
                error.description
            }
        }
    }

    /// Sends the probe's request once and asks Prometheus each query once.
    public static func check(probe: LoadPlan?, prometheus: PrometheusClient?, queries: [PrometheusQuery]) async throws(Failure) {
        if let probe { try await reach(probe) }
        guard let prometheus else { return }
        for query in queries {
            if case .failure(let error) = await prometheus.query(query.expression) { throw .prometheus(error, query: query) }
        }
    }

    private static func reach(_ probe: LoadPlan) async throws(Failure) {
        let options = TransportOptions(connections: 1, threads: 1, timeout: probe.transport.timeout,
                                       insecure: probe.transport.insecure, caBundle: probe.transport.caBundle,
                                       http2: probe.transport.http2)
        let transport: AsyncTransport
        do {
            transport = try AsyncTransport(options: options, url: probe.request.url)
        } catch {
            throw .transport(error)
        }
        let exchange = await transport.send(probe.request)
        await transport.close()
        if case .failed(let kind) = exchange.ending, kind == .refused || kind == .dns {
            throw .targetUnreachable(url: probe.request.url, kind)
        }
    }
}
