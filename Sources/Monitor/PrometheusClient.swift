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
        await get("/api/v1/query?query=" + Self.percentEncoded(expression), parse: PrometheusQueryResult.parse)
    }

    /// Every value of `expression` from `start` to `end` (Unix seconds) at each `step` seconds,
    /// every series' points together (`/api/v1/query_range`): the canary judge's samples.
    public func queryRange(_ expression: String, start: Double, end: Double, step: Double) async
        -> Result<PrometheusQueryResult, PrometheusError> {
        let path = "/api/v1/query_range?query=" + Self.percentEncoded(expression)
            + "&start=\(Self.unixTime(start))&end=\(Self.unixTime(end))&step=\(Self.unixTime(step))"
        return await get(path, parse: PrometheusQueryResult.parseRange)
    }

    /// Asks `path` and reads the answer with `parse`.
    private func get(_ path: String,
                     parse: ([UInt8], Int, String) throws(PrometheusError) -> PrometheusQueryResult) async
        -> Result<PrometheusQueryResult, PrometheusError> {
        let exchange = await transport.send(RequestSpec(url: baseURL + path))
        switch exchange.ending {
        case .response:
            return Result { () throws(PrometheusError) in try parse(exchange.body, exchange.status, baseURL) }
        case .failed(let kind):
            return .failure(.unreachable(url: baseURL, kind))
        case .abandoned:
            return .failure(.unreachable(url: baseURL, .other))
        }
    }

    /// Seconds with millisecond precision, as the API takes them (no exponent).
    private static func unixTime(_ seconds: Double) -> String {
        String(format: "%.3f", seconds)
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
