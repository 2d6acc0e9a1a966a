import Foundation

/// How an HTML report was made, for its footer: a printed report must say what produced it.
public struct ReportOrigin: Sendable {
    /// The command line that produced the report, as the user typed it.
    public var command: String
    /// perfkit's version.
    public var perfkitVersion: String
    /// When the report was made.
    public var generatedAt: Date

    /// Creates an origin.
    public init(command: String, perfkitVersion: String, generatedAt: Date) {
        self.command = command
        self.perfkitVersion = perfkitVersion
        self.generatedAt = generatedAt
    }
}
