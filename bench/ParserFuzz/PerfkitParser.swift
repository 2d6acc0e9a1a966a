import Transports

/// perfkit's `HTTPResponseParser` on a stream, used as the native transport uses it: bytes it
/// did not consume are offered again with the next read; a complete response is followed by the
/// next one on the same bytes (pipelined) unless it ended the connection.
enum PerfkitParser {
    /// Reads `bytes` delivered in `reads` (the lengths of successive reads), then the close.
    static func verdict(_ bytes: [UInt8], reads: [Int]) -> Verdict {
        var parser = HTTPResponseParser(answersHead: false)
        var verdict = Verdict()
        var pending: [UInt8] = []
        // Whether the current response has begun: a close between responses is a clean end.
        var started = false
        var position = 0
        for length in reads {
            pending += bytes[position..<position + length]
            position += length
            // Each pass reads one response and goes on with the bytes after it, or waits for the
            // next read (`break` after the switch); bounded, as each response takes bytes.
            for _ in 0...pending.count {
                guard !pending.isEmpty else { break }
                started = true
                let (progress, consumed) = pending.withUnsafeBytes { parser.consume($0) }
                pending.removeFirst(consumed)
                switch progress {
                case .needMore:
                    break
                case .complete:
                    verdict.responses.append(.init(status: parser.status, bodyBytes: Int(parser.bodyBytes)))
                    // The native client closes such a connection and reads nothing after it.
                    guard parser.keepAlive else { return verdict }
                    parser.reset()
                    started = false
                    continue
                case .malformed(let reason):
                    verdict.rejection = reason
                    return verdict
                }
                break
            }
        }
        guard started else { return verdict }
        switch parser.endOfStream() {
        case .complete: verdict.responses.append(.init(status: parser.status, bodyBytes: Int(parser.bodyBytes)))
        case .malformed(let reason): verdict.rejection = reason
        case .needMore: verdict.rejection = "still waiting after the close"
        }
        return verdict
    }
}
