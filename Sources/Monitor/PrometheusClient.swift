import Foundation
import LoadEngine

/// Asks a Prometheus server's HTTP API for instant query values, over perfkit's libcurl
/// transport (no second HTTP stack in the binary).
public final class PrometheusClient: Sendable {
    /// The server's base URL, e.g. `http://127.0.0.1:9090`.
    public let baseURL: String
    private let transport: AsyncTransport

    /// A client of the server at `baseURL`; each query may take up to `timeout`. `connections`
    /// queries can be in flight at once.
    public init(baseURL: String, timeout: Duration, connections: Int = 4) throws(PrometheusError) {
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        do {
            transport = try AsyncTransport(options: TransportOptions(connections: max(1, connections), threads: 1, timeout: timeout),
                                           url: trimmed)
        } catch {
            if case .invalidURL(_, let reason) = error { throw .invalidURL(baseURL, reason: reason) }
            throw .invalidURL(baseURL, reason: error.description)
        }
        self.baseURL = trimmed
    }

    /// The value of `expression` now, or why there is none. A result rather than a typed throw:
    /// callers gather several answers from child tasks, and Swift 6.3 miscompiled a typed
    /// `do`/`catch` there in release builds (garbled keys, then a crash).
    public func query(_ expression: String) async -> Result<PrometheusQueryResult, PrometheusError> {
        let url = baseURL + "/api/v1/query?query=" + Self.percentEncoded(expression)
        let exchange = await transport.send(RequestSpec(url: url))
        switch exchange.ending {
        case .response:
            return Result { () throws(PrometheusError) in
                try PrometheusQueryResult.parse(exchange.body, httpStatus: exchange.status, url: baseURL)
            }
        case .failed(let kind):
            return .failure(.unreachable(url: baseURL, kind))
        case .abandoned:
            return .failure(.unreachable(url: baseURL, .other))
        }
    }

    /// Ends the transport threads; queries in flight are abandoned.
    public func close() async {
        await transport.close(abandoning: true)
    }

    /// Only RFC 3986's unreserved characters go through as they are: PromQL is full of `{}"=~+`.
    private static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
