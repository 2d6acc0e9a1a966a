/// perfkit's one parser of JSON values, strict per RFC 8259: scenario captures and checks,
/// demo request bodies, stored configurations, `/healthz` and Prometheus answers. Written out
/// rather than going through `JSONDecoder`, whose typed decoding of an unknown shape costs a
/// thrown error per guess: on a trading-flow response it takes 18–37 µs against this parser's
/// 2–4 µs (bench/json-parsing), beyond the ~6 µs of CPU a request has on the native engine.
struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0
    /// The members of a top-level object worth keeping; nil keeps them all.
    private let keptTopLevelMembers: [String]?
    /// Nesting beyond this is refused rather than risking the stack on a hostile body.
    private static let maximumDepth = 512
    /// Integer digits below which a number without exponent is always finite (`Double` reaches 1.8e308).
    private static let finiteIntegerDigits = 308

    /// Parses `bytes` as one JSON document; nil when they are not JSON.
    static func parse(_ bytes: [UInt8], keepingTopLevelMembers kept: [String]? = nil) -> JSONValue? {
        var parser = JSONParser(bytes: bytes, keptTopLevelMembers: kept)
        guard let value = parser.value(depth: 0, building: true) else { return nil }
        parser.skipWhitespace()
        return parser.position == bytes.count ? value : nil
    }

    private init(bytes: [UInt8], keptTopLevelMembers: [String]?) {
        self.bytes = bytes
        self.keptTopLevelMembers = keptTopLevelMembers
    }

    /// The value starting at the current position; nil when it is not JSON. Without `building`
    /// it is checked just as strictly but not built (`.null` stands for it): a member no path
    /// reaches costs no strings, numbers or containers.
    private mutating func value(depth: Int, building: Bool) -> JSONValue? {
        guard depth < Self.maximumDepth else { return nil }
        skipWhitespace()
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "{"): return object(depth: depth, building: building)
        case UInt8(ascii: "["): return array(depth: depth, building: building)
        case UInt8(ascii: "\""): return string(building: building).map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return number(building: building)
        }
    }

    private mutating func object(depth: Int, building: Bool) -> JSONValue? {
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(members) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            let key: String, keeps: Bool
            if building, depth == 0, let kept = keptTopLevelMembers {
                guard let member = topLevelName(keptIn: kept) else { return nil }
                (key, keeps) = member
            } else {
                guard let name = string(building: building) else { return nil }
                (key, keeps) = (name, building)
            }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")), let member = value(depth: depth + 1, building: keeps) else { return nil }
            if keeps { members[key] = member }
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "}")) ? .object(members) : nil
        }
    }

    private mutating func array(depth: Int, building: Bool) -> JSONValue? {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(items) }
        while true {
            guard let item = value(depth: depth + 1, building: building) else { return nil }
            if building { items.append(item) }
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "]")) ? .array(items) : nil
        }
    }

    /// The name of a top-level member starting at the current quote, and whether `kept` names
    /// it (a linear search: a scenario's paths name a handful of members, and hashing each name
    /// costs more). A plain ASCII name is compared as bytes and built only when kept; others are
    /// compared as strings, which treat canonically equivalent names alike.
    private mutating func topLevelName(keptIn kept: [String]) -> (name: String, kept: Bool)? {
        let quote = position
        guard string(building: false) != nil else { return nil }
        let raw = bytes[(quote + 1)..<(position - 1)]
        if !raw.contains(where: { $0 == UInt8(ascii: "\\") || $0 >= 0x80 }) {
            guard kept.contains(where: { $0.utf8.elementsEqual(raw) }) else { return ("", false) }
            return (String(decoding: raw, as: UTF8.self), true)
        }
        position = quote
        guard let name = string(building: true) else { return nil }
        return (name, kept.contains(name))
    }

    /// The string starting at the current quote; "" for a valid one when not `building`.
    private mutating func string(building: Bool) -> String? {
        position += 1
        let start = position
        // Fast path: no escapes, decode the span in one go.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                defer { position += 1 }
                return building ? String(decoding: bytes[start..<position], as: UTF8.self) : ""
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { return nil }
            position += 1
        }
        var scalars = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return building ? String(decoding: scalars, as: UTF8.self) : ""
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { return nil }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                scalars.append(byte)
            }
        }
        return nil
    }

    /// The scalar of `\uXXXX` (the `\u` already read), joining a surrogate pair.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let high = hexQuad() else { return nil }
        if (0xD800..<0xDC00).contains(high) {
            guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = hexQuad(),
                  (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        }
        return Unicode.Scalar(high)
    }

    private mutating func hexQuad() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[position..<position + 4] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        position += 4
        return value
    }

    /// RFC 8259's number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. `+1`, `01`,
    /// `1.` and `.5` are not JSON, however `Double` would read them.
    /// Not `building`, a number is only converted when it could overflow to infinity (refused
    /// either way): one with an exponent, or more integer digits than `Double` can hold.
    private mutating func number(building: Bool) -> JSONValue? {
        let start = position
        _ = consume(UInt8(ascii: "-"))
        let integerStart = position
        if consume(UInt8(ascii: "0")) {
            guard !nextIsDigit else { return nil }
        } else {
            guard digits() else { return nil }
        }
        let integerDigits = position - integerStart
        if consume(UInt8(ascii: ".")) {
            guard digits() else { return nil }
        }
        var hasExponent = false
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            hasExponent = true
            _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
            guard digits() else { return nil }
        }
        if !building, !hasExponent, integerDigits <= Self.finiteIntegerDigits { return .null }
        guard let number = Double(String(decoding: bytes[start..<position], as: UTF8.self)), number.isFinite else {
            return nil
        }
        return .number(number)
    }

    private var nextIsDigit: Bool {
        position < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
    }

    /// Consumes one or more decimal digits; false when none come next.
    private mutating func digits() -> Bool {
        let start = position
        while nextIsDigit { position += 1 }
        return position > start
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return nil }
        let matches = word.withUTF8Buffer { expected in bytes[position..<position + count].elementsEqual(expected) }
        guard matches else { return nil }
        position += count
        return value
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }
}
