/// Why a run could not start.
public enum LoadEngineError: Error, Equatable, CustomStringConvertible {
    /// The URL is not an absolute http(s) URL.
    case invalidURL(String, reason: String)
    /// A plan value is out of range (names the value).
    case invalidPlan(String)
    /// libcurl could not be initialised or configured.
    case transportSetup(String)
    /// This machine's limits leave no room for the run (open files); says what to change.
    case resourceLimit(String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason): return "invalid target URL '\(url)': \(reason)"
        case .invalidPlan(let message): return message
        case .transportSetup(let message): return "transport setup failed: \(message)"
        case .resourceLimit(let message): return message
        }
    }
}
