/// The `name=value` pairs of a URL query, values percent-decoded.
struct QueryItems: Sequence {
    let query: Substring

    func makeIterator() -> some IteratorProtocol<(name: Substring, value: String)> {
        query.split(separator: "&", omittingEmptySubsequences: true).lazy.map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return (pair, "") }
            return (pair[..<equals], Self.percentDecoded(pair[pair.index(after: equals)...]))
        }.makeIterator()
    }

    /// Decodes `%XX` escapes and `+` as a space; a malformed escape is kept as written.
    static func percentDecoded(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var remaining = text.utf8[...]
        while let byte = remaining.popFirst() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if remaining.count >= 2,
                    let high = hexValue(remaining[remaining.startIndex]),
                    let low = hexValue(remaining[remaining.index(after: remaining.startIndex)])
                {
                    bytes.append(high << 4 | low)
                    remaining = remaining.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
