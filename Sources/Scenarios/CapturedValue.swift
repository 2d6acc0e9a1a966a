/// A variable's value: given in the file or captured from a response. JSON values keep
/// their type, so a captured number goes back into a JSON body as a number.
public enum CapturedValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    /// An object or array, as compact JSON text.
    case json(String)

    /// The value as text, for paths, headers and comparisons: strings without quotes.
    public var text: String {
        switch self {
        case .string(let string): string
        case .number(let number): Self.numberText(number)
        case .bool(let bool): bool ? "true" : "false"
        case .null: "null"
        case .json(let json): json
        }
    }

    /// The value as a JSON literal, for bodies.
    public var jsonText: String {
        switch self {
        case .string(let string): JSONText.quoted(string)
        default: text
        }
    }

    /// Integers print without a fraction (`1000`, not `1000.0`), as a user wrote them.
    static func numberText(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}

/// JSON text helpers.
enum JSONText {
    /// `text` as a JSON string literal, quotes included.
    static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
