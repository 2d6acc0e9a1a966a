/// Why a transport could not be set up. Names what is wrong in the engine's terms; the command
/// line maps `DescriptorShortfall.connections` to its flag.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL is not an absolute http(s) URL that libcurl accepts.
    case invalidURL(String, reason: String)
    /// The native transport was given a URL other than `http://` or `https://`.
    case nativeNeedsHTTP(url: String)
    /// A libcurl or system call failed while setting up: which call, and what it said.
    case setupFailed(call: String, detail: String?)
    /// The process may not open enough files for the connections asked for.
    case descriptorLimit(DescriptorShortfall)
    /// The CA bundle holds no certificate OpenSSL can load: which file, and what OpenSSL said.
    case unusableCABundle(path: String, reason: String)

    /// The problem in the engine's words (no command-line spelling).
    public var description: String {
        switch self {
        case .invalidURL(let url, let reason): "invalid target URL '\(url)': \(reason)"
        case .nativeNeedsHTTP(let url): "the native transport speaks http:// and https:// only (got '\(url)')"
        case .setupFailed(let call, let detail): "transport setup failed: \(call) failed" + (detail.map { ": \($0)" } ?? "")
        case .descriptorLimit(let shortfall): shortfall.description(naming: "connections")
        case .unusableCABundle(let path, let reason): "the CA bundle '\(path)' cannot be used: \(reason)"
        }
    }
}

/// Open files a run needs against what the process may open (`RLIMIT_NOFILE`, `ulimit -n`).
public struct DescriptorShortfall: Equatable, Sendable {
    /// Connections the run asked for.
    public var connections: Int
    /// Descriptors those connections, the threads and the process's own need together.
    public var needed: UInt64
    /// The soft limit the process has.
    public var softLimit: UInt64
    /// The hard limit; nil when unlimited.
    public var hardLimit: UInt64?

    /// A shortfall of `needed` descriptors for `connections` under the limits.
    public init(connections: Int, needed: UInt64, softLimit: UInt64, hardLimit: UInt64?) {
        self.connections = connections
        self.needed = needed
        self.softLimit = softLimit
        self.hardLimit = hardLimit
    }

    /// The sentence a user can act on, calling the connections setting `setting`
    /// (`--connections` on the command line).
    public func description(naming setting: String) -> String {
        "\(setting) \(connections) needs about \(needed) open files, but this process may open at most \(softLimit) "
            + "(ulimit -n; hard limit \(hardLimit.map(String.init) ?? "unlimited")): "
            + "lower \(setting) or raise the limit (ulimit -n \(needed))"
    }
}
