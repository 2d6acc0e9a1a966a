/// What is wrong with a scenario file, and where: every message starts with
/// `file:line:column`, so editors and CI logs link straight to it.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What the problem is, in one sentence.
    public var message: String

    /// Creates an error at `location`.
    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }
}
