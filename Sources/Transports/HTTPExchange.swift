import Foundation

/// One response header as received.
public struct HTTPHeaderField: Sendable, Equatable {
    /// The name as the server spelled it.
    public var name: String
    /// The value, without surrounding white space.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A request sent by an `ExchangeTransport` and what came back: the status, headers and body
/// (for captures and checks) and the timings (for the histograms).
public struct HTTPExchange: Sendable {
    /// How the exchange ended.
    public enum Ending: Sendable, Equatable {
        /// A complete HTTP response arrived (any status).
        case response
        /// The transport failed: no complete response.
        case failed(ErrorKind)
        /// The run was stopped at once while the request was in flight or queued.
        case abandoned
    }

    /// How the exchange ended.
    public var ending: Ending
    /// The HTTP status; 0 without a response.
    public var status: Int
    /// Response headers of the final response, in order.
    public var headers: [HTTPHeaderField]
    /// The response body, up to `maxKeptBodyBytes` (empty when the body was not asked for).
    public var body: [UInt8]
    /// Body bytes received, including any beyond what was kept.
    public var bytesReceived: Int64
    /// When the transport started the request (monotonic nanoseconds).
    public var sentNanoseconds: Int64
    /// When the exchange ended (monotonic nanoseconds).
    public var completedNanoseconds: Int64
    /// Where the time went.
    public var phases: PhaseTimings

    /// The value of the first header named `name` (case-insensitive), if any.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// A request refused before sending (a value it may not carry): a failed check, never on
    /// the wire.
    public static func unsent(at now: Int64) -> HTTPExchange {
        HTTPExchange(ending: .failed(.check), status: 0, headers: [], body: [], bytesReceived: 0,
                     sentNanoseconds: now, completedNanoseconds: now, phases: PhaseTimings())
    }

    /// Bodies beyond this are counted, not kept: captures and checks read the start of a body.
    public static let maxKeptBodyBytes = 8 << 20

    /// A request that ended at `now` without a response, failing as `kind`.
    static func failed(_ kind: ErrorKind, at now: Int64) -> HTTPExchange {
        var exchange = abandoned(at: now)
        exchange.ending = .failed(kind)
        return exchange
    }

    /// An exchange that never ran because the run was stopped at once.
    static func abandoned(at now: Int64) -> HTTPExchange {
        HTTPExchange(ending: .abandoned, status: 0, headers: [], body: [], bytesReceived: 0,
                     sentNanoseconds: now, completedNanoseconds: now, phases: PhaseTimings())
    }
}
