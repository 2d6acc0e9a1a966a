/// What a read or write on a connection did.
enum TransferResult {
    /// This many bytes moved (more than zero).
    case moved(Int)
    /// Nothing moved; go on when the socket is readable, or writable when `needsWritable`.
    case wouldBlock(needsWritable: Bool)
    /// The peer ended the stream.
    case closed
    /// The connection broke.
    case failed
}
