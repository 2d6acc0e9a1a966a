import JSON

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
        case .number(let number): JSONText.number(number)
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
}

extension JSONValue {
    /// The value as a variable's value.
    var captured: CapturedValue {
        switch self {
        case .null: .null
        case .bool(let bool): .bool(bool)
        case .number(let number): .number(number)
        case .string(let string): .string(string)
        case .array, .object: .json(compactText)
        }
    }
}
