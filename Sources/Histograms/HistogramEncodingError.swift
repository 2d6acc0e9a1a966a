/// A histogram's binary encoding is damaged or was written by a newer perfkit.
public struct HistogramEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the bytes, and where.
    public let detail: String

    /// An error saying `detail`.
    public init(detail: String) {
        self.detail = detail
    }

    /// One sentence a user can act on.
    public var description: String { "a stored histogram cannot be decoded (\(detail))" }
}
