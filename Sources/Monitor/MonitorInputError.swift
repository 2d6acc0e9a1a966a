/// Why the monitor's `--threshold` or `--query` values cannot be used; each message names the
/// flag and quotes the value, then says what would be valid.
public enum MonitorInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A `--threshold` item that cannot be read.
    case threshold(String, reason: String)
    /// A `--query` value that cannot be read.
    case query(String, reason: String)

    /// A sentence a user can act on.
    public var description: String {
        switch self {
        case .threshold(let value, let reason): "--threshold '\(value)': \(reason)"
        case .query(let value, let reason): "--query '\(value)': \(reason)"
        }
    }
}
