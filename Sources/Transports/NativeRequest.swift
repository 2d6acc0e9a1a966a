import Foundation

/// The bytes of a run's request, built once and sent as they are on every connection, and
/// where to connect.
struct NativeRequest {
    let host: String
    let port: Int
    let bytes: [UInt8]
    let isHead: Bool
    /// Whether the URL is https://: the connection speaks TLS before HTTP.
    let usesTLS: Bool

    /// Builds the request for `spec`; throws for a URL the native transport does not speak.
    init(_ spec: RequestSpec) throws(TransportError) {
        guard let components = URLComponents(string: spec.url),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else {
            throw .nativeNeedsHTTP(url: spec.url)
        }
        usesTLS = scheme == "https"
        // An IPv6 literal comes back in its URL brackets, which getaddrinfo does not read.
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? (usesTLS ? 443 : 80)
        isHead = spec.method == "HEAD"
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let target = path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        let hostHeader = (self.host.contains(":") ? "[\(self.host)]" : self.host) + (components.port.map { ":\($0)" } ?? "")
        var head = "\(spec.method) \(target) HTTP/1.1\r\n"
        let names = Set(spec.headers.compactMap { $0.split(separator: ":", maxSplits: 1).first?.lowercased() })
        if !names.contains("host") { head += "Host: \(hostHeader)\r\n" }
        if !names.contains("user-agent") { head += "User-Agent: perfkit/\(PerfkitVersion.current)\r\n" }
        if !names.contains("accept") { head += "Accept: */*\r\n" }
        for header in spec.headers { head += header + "\r\n" }
        if let body = spec.body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        bytes = Array(head.utf8) + (spec.body ?? [])
    }
}
