import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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

extension DemoTargetError {
    /// A bind failure explained in the system's words ("Address already in use") rather than NIO's call site.
    static func bindFailed(host: String, port: Int, underlying error: any Error) -> DemoTargetError {
        let reason: String
        if let error = error as? IOError {
            reason = "\(String(cString: strerror(error.errnoCode))) (errno \(error.errnoCode))"
        } else {
            reason = String(describing: error)
        }
        return .bindFailed(host: host, port: port, reason: reason)
    }
}
