/// Makes HTTP/1.x response streams for the fuzzer: well-formed ones of every framing, the
/// hand-picked variants servers and attackers send (duplicate or odd Content-Length, chunked
/// with extensions and trailers, folded headers, bare LF or CR, interim responses, pipelining),
/// and random byte mutations of both. Seeded, so a finding can be replayed.
struct ResponseGenerator {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// The next stream to try, and a short name for the recipe that made it.
    mutating func next() -> (recipe: String, bytes: [UInt8]) {
        let (recipe, text) = roll(3) == 0 ? variant() : pipelined()
        let bytes = Array(text.utf8)
        guard roll(3) == 0 else { return (recipe, bytes) }
        return (recipe + "+mutated", mutate(bytes))
    }

    // MARK: Well-formed responses

    private mutating func pipelined() -> (String, String) {
        let count = 1 + roll(3)
        let parts = (0..<count).map { _ in wellFormed() }
        return (parts.map(\.0).joined(separator: ","), parts.map(\.1).joined())
    }

    private mutating func wellFormed() -> (String, String) {
        let status = pick([200, 201, 204, 301, 304, 404, 500, 503])
        // 204 and 304 never have a body, whatever their headers say.
        let body = status == 204 || status == 304 ? "" : String(repeating: "x", count: roll(40))
        let line = "HTTP/1.1 \(status) \(pick(["OK", "Whatever", "", "Not Found"]))\r\n"
        let extra = pick(["", "Server: t\r\n", "X-A: b\r\nX-B:c \r\n", "Connection: keep-alive\r\n"])
        switch roll(3) {
        case 0: return ("length", line + extra + "Content-Length: \(body.utf8.count)\r\n\r\n" + body)
        case 1:
            let framed = body.isEmpty && (status == 204 || status == 304) ? "" : chunked(body)
            return ("chunked", line + extra + "Transfer-Encoding: chunked\r\n\r\n" + framed)
        default: return ("continue", "HTTP/1.1 100 Continue\r\n\r\n" + line + "Content-Length: \(body.utf8.count)\r\n\r\n" + body)
        }
    }

    private mutating func chunked(_ body: String) -> String {
        var rest = Substring(body), text = ""
        while !rest.isEmpty {
            let size = min(rest.count, 1 + roll(12))
            text += String(size, radix: 16, uppercase: roll(2) == 0) + pick(["", ";ext=1", ";a=\"b\""]) + "\r\n"
                + rest.prefix(size) + "\r\n"
            rest = rest.dropFirst(size)
        }
        return text + "0\r\n" + pick(["", "Trailer-A: t\r\n"]) + "\r\n"
    }

    // MARK: Variants

    /// Each variant is one response (or a pair) that differs from a well-formed one in a single
    /// way parsers are known to disagree on.
    private mutating func variant() -> (String, String) {
        let head = "HTTP/1.1 200 OK\r\n"
        let variants: [(String, String)] = [
            ("cl-duplicate-same", head + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc"),
            ("cl-duplicate-differ", head + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
            ("cl-list", head + "Content-Length: 3, 3\r\n\r\nabc"),
            ("cl-plus", head + "Content-Length: +3\r\n\r\nabc"),
            ("cl-negative", head + "Content-Length: -1\r\n\r\nabc"),
            ("cl-leading-zeros", head + "Content-Length: 003\r\n\r\nabc"),
            ("cl-huge", head + "Content-Length: 99999999999999999999\r\n\r\nabc"),
            ("cl-space-before-colon", head + "Content-Length : 3\r\n\r\nabc"),
            ("cl-empty", head + "Content-Length:\r\n\r\n"),
            ("cl-and-chunked", head + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
            ("te-chunked-not-last", head + "Transfer-Encoding: chunked, gzip\r\n\r\nabc"),
            ("te-gzip-chunked", head + "Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
            ("te-twice", head + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
            ("chunk-size-leading-space", head + "Transfer-Encoding: chunked\r\n\r\n 3\r\nabc\r\n0\r\n\r\n"),
            ("chunk-size-trailing-space", head + "Transfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n"),
            ("chunk-size-0x", head + "Transfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n"),
            ("chunk-size-overflow", head + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\nabc\r\n0\r\n\r\n"),
            ("chunk-missing-crlf", head + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n"),
            ("chunk-lf-only", head + "Transfer-Encoding: chunked\r\n\r\n3\nabc\n0\n\n"),
            ("chunk-ext-bare-cr", head + "Transfer-Encoding: chunked\r\n\r\n3;a\rb\r\nabc\r\n0\r\n\r\n"),
            ("fold", head + "X-A: b\r\n c\r\nContent-Length: 3\r\n\r\nabc"),
            ("fold-content-length", head + "Content-Length:\r\n 3\r\n\r\nabc"),
            ("lf-only", "HTTP/1.1 200 OK\nContent-Length: 3\n\nabc"),
            ("bare-cr-in-value", head + "X-A: b\rc\r\nContent-Length: 3\r\n\r\nabc"),
            ("nul-in-value", head + "X-A: b\u{0}c\r\nContent-Length: 3\r\n\r\nabc"),
            ("space-in-name", head + "X A: b\r\nContent-Length: 3\r\n\r\nabc"),
            ("empty-name", head + ": b\r\nContent-Length: 3\r\n\r\nabc"),
            ("no-colon", head + "garbage\r\nContent-Length: 3\r\n\r\nabc"),
            ("leading-whitespace-line", head + " X-A: b\r\nContent-Length: 3\r\n\r\nabc"),
            ("no-reason", "HTTP/1.1 200\r\nContent-Length: 3\r\n\r\nabc"),
            ("status-2-digits", "HTTP/1.1 20 OK\r\nContent-Length: 3\r\n\r\nabc"),
            ("status-4-digits", "HTTP/1.1 2000 OK\r\nContent-Length: 3\r\n\r\nabc"),
            ("status-999", "HTTP/1.1 999 Odd\r\nContent-Length: 3\r\n\r\nabc"),
            ("status-099", "HTTP/1.1 099 Odd\r\nContent-Length: 3\r\n\r\nabc"),
            ("version-1.0", "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc"),
            ("version-1.0-until-close", "HTTP/1.0 200 OK\r\n\r\nabc"),
            ("version-1.9", "HTTP/1.9 200 OK\r\nContent-Length: 3\r\n\r\nabc"),
            ("version-2.0", "HTTP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nabc"),
            ("version-lowercase", "http/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"),
            ("until-close", head + "\r\nabcdef"),
            ("connection-close-then-more", head + "Connection: close\r\nContent-Length: 3\r\n\r\nabc" + head + "Content-Length: 0\r\n\r\n"),
            ("204-with-length", "HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n"),
            ("304-with-chunked", "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"),
            ("101-switching", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\nraw"),
            ("interim-103", "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + head + "Content-Length: 3\r\n\r\nabc"),
            ("truncated-body", head + "Content-Length: 10\r\n\r\nabc"),
            ("truncated-head", head + "Content-Length: 3\r\n"),
            ("truncated-chunked", head + "Transfer-Encoding: chunked\r\n\r\n3\r\nab"),
            ("extra-after-length", head + "Content-Length: 1\r\n\r\nabc"),
            ("trailer-fold", head + "Transfer-Encoding: chunked\r\n\r\n0\r\nT: a\r\n b\r\n\r\n"),
            ("header-tab-separator", head + "Content-Length:\t3\t\r\n\r\nabc"),
        ]
        return pick(variants)
    }

    // MARK: Mutation

    /// One to three random edits: a byte replaced (often by a delimiter), inserted or deleted.
    private mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let interesting: [UInt8] = [13, 10, 32, 9, 58, 59, 0, 48, 127, 255, 65]
        for _ in 0..<(1 + roll(3)) where !bytes.isEmpty {
            let at = roll(bytes.count)
            let byte = roll(2) == 0 ? pick(interesting) : UInt8(truncatingIfNeeded: random.next())
            switch roll(3) {
            case 0: bytes[at] = byte
            case 1: bytes.insert(byte, at: at)
            default: bytes.remove(at: at)
            }
        }
        return bytes
    }

    private mutating func roll(_ upperBound: Int) -> Int { Int(random.next() % UInt64(upperBound)) }
    private mutating func pick<T>(_ choices: [T]) -> T { choices[roll(choices.count)] }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
