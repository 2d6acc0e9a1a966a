import Units

/// A setting of a run that the engine checks. The engine's messages call each by its plain
/// name; the command line names its flag instead (`message(naming:)`).
public enum RunSetting: String, Sendable, CaseIterable {
    /// Connections the run may open.
    case connections
    /// Time allowed for one request.
    case timeout
    /// How long requests are sent for.
    case duration
    /// Requests waiting or in flight before arrivals are dropped.
    case maxInFlight = "max in flight"
    /// Requests per second of the schedule.
    case rate
    /// Which client sends the requests.
    case transport
    /// HTTP/2 negotiation.
    case http2 = "HTTP/2"
    /// Concurrent HTTP/2 streams per connection.
    case streams
    /// The request's method.
    case method
    /// A request header line.
    case header
}

/// Why a run could not start: which setting, which value, which limit. No command-line
/// spelling: `message(naming:)` lets the caller name each setting its own way.
public enum LoadEngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A count outside what the engine accepts.
    case outOfRange(RunSetting, value: Double, allowed: ClosedRange<Double>)
    /// A length of time that must be more than zero.
    case notPositive(RunSetting)
    /// The native transport was asked for a URL other than http(s)://, or for HTTP/2 in a scenario
    /// flow (its exchange client speaks HTTP/1.1; load runs speak HTTP/2 natively).
    case nativeTransportUnsupported(url: String, http2: Bool)
    /// HTTP/2 was asked for, and this libcurl cannot negotiate it.
    case http2Unavailable
    /// More than one stream per connection without HTTP/2.
    case streamsNeedHTTP2(streams: Int)
    /// Connections × streams above `LoadLimits.requestsInFlight`.
    case tooManyStreams(connections: Int, streams: Int)
    /// The method or a header line may not be sent (`value`, as given; `reason` says why).
    case unsendable(RunSetting, value: String, reason: String)
    /// The schedule's rates and duration add up to no request at all.
    case scheduleSendsNothing
    /// The transport could not be set up.
    case transport(TransportError)

    /// The problem in the engine's words.
    public var description: String { message(naming: \.rawValue) }

    /// The problem, calling each setting what `name` says (a flag on the command line).
    public func message(naming name: (RunSetting) -> String) -> String {
        switch self {
        case .outOfRange(let setting, let value, let allowed):
            "\(name(setting)) must be \(Self.number(allowed.lowerBound)) to \(Self.number(allowed.upperBound)) "
                + "(got \(Self.number(value)))"
        case .notPositive(let setting):
            "\(name(setting)) must be more than 0"
        case .nativeTransportUnsupported(_, let http2):
            http2
                ? "\(name(.transport)) native speaks \(name(.http2)) in single-URL load runs only; scenario flows with "
                    + "\(name(.http2)) use \(name(.transport)) curl or auto"
                : "\(name(.transport)) native speaks http:// and https:// only; use \(name(.transport)) curl or auto"
        case .http2Unavailable:
            "\(name(.http2)): this libcurl was built without HTTP/2 support"
        case .streamsNeedHTTP2(let streams):
            "\(name(.streams)) \(streams) needs \(name(.http2)): HTTP/1.1 carries one request per connection at a time"
        case .tooManyStreams(let connections, let streams):
            "\(name(.connections)) \(connections) × \(name(.streams)) \(streams) is \(connections * streams) requests in flight; "
                + "at most \(LoadLimits.requestsInFlight)"
        case .unsendable(let setting, let value, let reason):
            "\(name(setting)) '\(HTTPFieldSyntax.escaped(value))': \(reason)"
        case .scheduleSendsNothing:
            "the schedule sends no requests: raise \(name(.rate)) or \(name(.duration))"
        case .transport(.descriptorLimit(let shortfall)):
            shortfall.description(naming: name(.connections))
        case .transport(let error):
            error.description
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : fixed(value, decimals: 2)
    }
}
