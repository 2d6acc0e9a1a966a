import Foundation

/// Where a native transport connects, read once from an http:// or https:// URL: the host to
/// resolve, the port, whether TLS comes first, the Host header, and the URL's text up to its
/// path (so a request URL on the same origin is recognised by its prefix, without parsing it again).
struct HTTPOrigin: Sendable {
    /// The host as getaddrinfo reads it (an IPv6 literal without its brackets).
    let host: String
    let port: Int
    /// Whether the URL is https://: the connection speaks TLS before HTTP.
    let usesTLS: Bool
    /// The Host header's value.
    let hostHeader: String
    /// `url` up to (without) its path, query or fragment: "http://127.0.0.1:8080".
    let prefix: String

    /// The origin of `url`; throws for anything but http:// or https:// with a host.
    init(url: String) throws(TransportError) {
        guard let components = URLComponents(string: url) else { throw .nativeNeedsHTTP(url: url) }
        try self.init(components, url: url)
    }

    init(_ components: URLComponents, url: String) throws(TransportError) {
        guard let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty, let schemeEnd = url.range(of: "://") else {
            throw .nativeNeedsHTTP(url: url)
        }
        usesTLS = scheme == "https"
        // An IPv6 literal comes back in its URL brackets, which getaddrinfo does not read.
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? (usesTLS ? 443 : 80)
        hostHeader = (self.host.contains(":") ? "[\(self.host)]" : self.host) + (components.port.map { ":\($0)" } ?? "")
        let rest = url[schemeEnd.upperBound...]
        prefix = String(url[..<(rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex)])
    }

    /// The request target of `url` when it is on this origin ("/" for none), without a
    /// fragment; nil for another origin or a target with bytes a request line cannot carry.
    func target(of url: String) -> Substring? {
        guard url.utf8.starts(with: prefix.utf8) else { return nil }
        var target = url.utf8[url.utf8.index(url.utf8.startIndex, offsetBy: prefix.utf8.count)...]
        if let fragment = target.firstIndex(of: UInt8(ascii: "#")) { target = target[..<fragment] }
        guard target.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { return nil }
        if target.isEmpty { return "/" }
        guard target.first == UInt8(ascii: "/") else { return target.first == UInt8(ascii: "?") ? Substring("/" + String(Substring(target))) : nil }
        return Substring(target)
    }
}
