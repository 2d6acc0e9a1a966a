import Foundation

/// The bytes of a run's request, built once and sent as they are on every connection, and
/// where to connect.
struct NativeRequest {
    let origin: HTTPOrigin
    /// The request target: the URL's path and query ("/" for none).
    let target: String
    let bytes: [UInt8]
    let isHead: Bool

    /// Builds the request for `spec`; throws for a URL the native transport does not speak.
    init(_ spec: RequestSpec) throws(TransportError) {
        guard let components = URLComponents(string: spec.url) else { throw .nativeNeedsHTTP(url: spec.url) }
        origin = try HTTPOrigin(components, url: spec.url)
        isHead = spec.method == "HEAD"
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        target = path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        var bytes: [UInt8] = []
        RequestBytes.append(method: spec.method, target: Substring(target), host: origin.hostHeader, headers: spec.headers,
                            body: spec.body, to: &bytes)
        self.bytes = bytes
    }
}
