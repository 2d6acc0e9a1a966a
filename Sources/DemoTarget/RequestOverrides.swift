import NIOCore
import NIOHTTP1
import Units

/// What a request asks of its own response through query parameters, in the style of Fortio:
/// `?delay=250ms`, `?status=503`, `?close=mid`, `?size=4096`. Unknown parameters are ignored.
struct RequestOverrides {
    /// The largest body `?size=` pads to; larger requests are capped here.
    static let largestPaddedSize = 10 * 1024 * 1024

    var delay: TimeAmount = .zero
    var status: HTTPResponseStatus?
    var closesMidResponse = false
    var paddedSize: Int?

    /// A query parameter whose value cannot be honoured; the description names both.
    struct InvalidParameter: Error, CustomStringConvertible {
        let name: String
        let value: String
        let reason: String

        var description: String { "invalid \(name)=\(value): \(reason)" }
    }

    init() {}

    init(query: Substring) throws(InvalidParameter) {
        for (name, value) in QueryItems(query: query) {
            switch name {
            case "delay": delay = try Self.delay(value)
            case "status": status = try Self.status(value)
            case "close": closesMidResponse = try Self.closesMidResponse(value)
            case "size": paddedSize = try Self.paddedSize(value)
            default: continue
            }
        }
    }

    private static func delay(_ value: String) throws(InvalidParameter) -> TimeAmount {
        do {
            return TimeAmount(try DurationText.parse(value))
        } catch {
            throw InvalidParameter(name: "delay", value: value, reason: error.description)
        }
    }

    private static func status(_ value: String) throws(InvalidParameter) -> HTTPResponseStatus {
        // 1xx codes are interim responses: a client would keep waiting for the final one.
        guard let code = Int(value), (200...599).contains(code) else {
            throw InvalidParameter(name: "status", value: value, reason: "expected a final status code in 200...599")
        }
        return HTTPResponseStatus(statusCode: code)
    }

    private static func closesMidResponse(_ value: String) throws(InvalidParameter) -> Bool {
        guard value == "mid" else {
            throw InvalidParameter(name: "close", value: value, reason: "the only supported value is 'mid'")
        }
        return true
    }

    private static func paddedSize(_ value: String) throws(InvalidParameter) -> Int {
        guard let bytes = Int(value), bytes >= 0 else {
            throw InvalidParameter(name: "size", value: value, reason: "expected a number of bytes, 0 or more")
        }
        return min(bytes, largestPaddedSize)
    }
}
