/// Watches the Content-Length headers of one response as libcurl hands them over, line by
/// line. libcurl reads a response with two different Content-Length values one way, a proxy
/// may read it another (how response smuggling starts); the native parser fails it as
/// `protocol`, and with this the libcurl transports do the same. Allocation-free: it runs in
/// the header callback of every response.
struct ContentLengthAgreement {
    /// Whether a Content-Length contradicted an earlier one; the transfer was aborted.
    private(set) var conflicting = false
    private var seen: Int64? = nil

    /// Forgets the previous response.
    mutating func reset() {
        conflicting = false
        seen = nil
    }

    /// Looks at one header line; false when it contradicts an earlier Content-Length of the
    /// same response (the caller then aborts the transfer).
    mutating func accept(_ line: UnsafeRawBufferPointer) -> Bool {
        if line.starts(with: Self.statusPrefix) {
            // An interim (100 Continue) or redirected response ended; a new one starts.
            seen = nil
            return true
        }
        guard line.count > Self.name.count, line[Self.name.count] == UInt8(ascii: ":"),
              zip(line, Self.name).allSatisfy({ $0 | 0x20 == $1 }) else { return true }
        var value: Int64 = 0
        for byte in line[(Self.name.count + 1)...] where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") { break }
                return true  // not a number: libcurl itself refuses it
            }
            value = value &* 10 &+ Int64(byte - UInt8(ascii: "0"))
        }
        if let seen, seen != value {
            conflicting = true
            return false
        }
        seen = value
        return true
    }

    private static let statusPrefix = Array("HTTP/".utf8)
    private static let name = Array("content-length".utf8)
}
