import LoadEngine

/// Why a query to Prometheus gave no value.
public enum PrometheusError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The Prometheus URL is not one the transport accepts.
    case invalidURL(String, reason: String)
    /// No HTTP answer came back (refused, timeout, name not found…).
    case unreachable(url: String, ErrorKind)
    /// Prometheus refused the query: `errorType` is its own (`bad_data` for a PromQL syntax error,
    /// `execution`, `timeout`…), `message` its explanation.
    case queryRejected(errorType: String, message: String)
    /// An HTTP answer that is not Prometheus' query API (a wrong URL, a proxy's error page).
    case unexpectedStatus(Int, url: String)
    /// A 2xx answer whose body is not a query result.
    case malformedResponse(String)
    /// The query returned a range vector or a string, which has no single value to judge.
    case unsupportedResultType(String)

    /// Whether the query itself is at fault (bad PromQL) rather than the server or the network.
    public var isBadQuery: Bool {
        switch self {
        case .queryRejected(let errorType, _): errorType == "bad_data"
        case .unsupportedResultType: true
        default: false
        }
    }

    /// A sentence a user can act on.
    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            "invalid Prometheus URL '\(url)': \(reason)"
        case .unreachable(let url, let kind):
            "Prometheus at \(url) cannot be reached (\(kind.rawValue))"
        case .queryRejected(let errorType, let message):
            "Prometheus rejected the query (\(errorType)): \(message)"
        case .unexpectedStatus(let status, let url):
            "\(url) answered HTTP \(status), not a Prometheus query result: is it Prometheus' base URL (e.g. http://127.0.0.1:9090)?"
        case .malformedResponse(let detail):
            "Prometheus' answer is not a query result: \(detail)"
        case .unsupportedResultType(let type):
            "the query returns a \(type); write one that returns an instant vector or a scalar (e.g. rate(x[1m]), not x[1m])"
        }
    }
}
