/// Why the canary's flags cannot be used; each message names the flag and quotes the value,
/// then says what would be valid.
public struct CanaryInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The flag at fault, e.g. `--tolerance`.
    public var flag: String
    /// The value as given.
    public var value: String
    /// What is wrong with it and what would do.
    public var reason: String

    /// Creates an error.
    public init(flag: String, value: String, reason: String) {
        self.flag = flag
        self.value = value
        self.reason = reason
    }

    /// A sentence a user can act on.
    public var description: String { "\(flag) '\(value)': \(reason)" }
}
