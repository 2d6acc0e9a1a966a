import NIOHTTP1

/// Why the trading service refused a request's body. Each case names the field at fault, when there is one,
/// and what the client should send instead.
enum RequestBodyError: Error, Equatable, CustomStringConvertible {
    /// The body is longer than the server reads.
    case tooLarge(limit: Int)
    /// The body is not a JSON object; `example` is one the endpoint accepts.
    case notAJSONObject(example: String)
    /// A required field is absent or `null`.
    case missingField(String, requirement: String)
    /// A field holds `found`, which does not meet `requirement`.
    case invalidField(String, requirement: String, found: String)
    /// `signal_id` is well formed but names no signal: never created, or evicted since.
    case unknownSignal(id: String)
    /// `signal_id` names a signal for another symbol than the order's.
    case signalForAnotherSymbol(id: String, signalSymbol: String, orderSymbol: String)

    /// The response status: 413 for size, 422 for a well-formed reference to a signal that does not fit,
    /// 400 for the rest.
    var status: HTTPResponseStatus {
        switch self {
        case .tooLarge: .payloadTooLarge
        case .unknownSignal, .signalForAnotherSymbol: .unprocessableEntity
        case .notAJSONObject, .missingField, .invalidField: .badRequest
        }
    }

    /// The body field at fault.
    var field: String? {
        switch self {
        case .tooLarge, .notAJSONObject: nil
        case .missingField(let name, _), .invalidField(let name, _, _): name
        case .unknownSignal, .signalForAnotherSymbol: "signal_id"
        }
    }

    var description: String {
        switch self {
        case .tooLarge(let limit):
            "request body larger than the \(limit) bytes this server reads"
        case .notAJSONObject(let example):
            "request body must be a JSON object, such as \(example)"
        case .missingField(let name, let requirement):
            "missing \(name): expected \(requirement)"
        case .invalidField(let name, let requirement, let found):
            "invalid \(name) \(found): expected \(requirement)"
        case .unknownSignal(let id):
            "unknown signal_id \"\(id)\": no such signal, or it was evicted"
        case .signalForAnotherSymbol(let id, let signalSymbol, let orderSymbol):
            "signal_id \"\(id)\" is a signal for \(signalSymbol), not \(orderSymbol)"
        }
    }
}
