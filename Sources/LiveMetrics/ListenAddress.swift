/// Where `--metrics-listen` serves: a host (an IPv4 or IPv6 address, or `localhost`) and a port.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The address to bind, without brackets.
    public var host: String
    /// The port; 0 asks the system for a free one.
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `HOST:PORT`, with IPv6 hosts in brackets: `127.0.0.1:9464`, `[::1]:9464`.
    public static func parse(_ text: String) throws(ListenAddressError) -> ListenAddress {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw ListenAddressError(text: text, reason: "an IPv6 address goes in brackets, e.g. [::1]:9464")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw ListenAddressError(text: text, reason: "expected HOST:PORT, e.g. 127.0.0.1:9464")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard !host.contains(":") else {
                throw ListenAddressError(text: text, reason: "an IPv6 address goes in brackets, e.g. [::1]:9464")
            }
        }
        guard !host.isEmpty else { throw ListenAddressError(text: text, reason: "no host; e.g. 127.0.0.1:9464") }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw ListenAddressError(text: text, reason: "'\(portText)' is not a port (0 to 65535)")
        }
        return ListenAddress(host: String(host), port: port)
    }

    /// `HOST:PORT` as `parse` reads it.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Why a `--metrics-listen` value is not an address.
public struct ListenAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The value given.
    public let text: String
    /// What is wrong with it.
    public let reason: String

    /// A sentence naming the flag, the value and the problem.
    public var description: String { "--metrics-listen '\(text)': \(reason)" }
}
