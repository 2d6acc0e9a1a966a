/// Why a `DemoServer` could not start.
public enum DemoTargetError: Error, Equatable, CustomStringConvertible {
    /// The listening socket could not be bound to `host:port`; `reason` is the system's explanation.
    case bindFailed(host: String, port: Int, reason: String)
    /// A configuration value is outside what the server can honour.
    case invalidConfiguration(setting: String, value: String, requirement: String)

    /// A sentence naming what failed and where.
    public var description: String {
        switch self {
        case .bindFailed(let host, let port, let reason):
            return "demo target could not listen on \(host):\(port): \(reason)"
        case .invalidConfiguration(let setting, let value, let requirement):
            return "demo target \(setting) \(value) \(requirement)"
        }
    }
}
