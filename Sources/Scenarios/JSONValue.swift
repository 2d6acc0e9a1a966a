/// A parsed JSON document, for captures and checks.
indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses `bytes`; nil when they are not JSON.
    static func parse(_ bytes: [UInt8]) -> JSONValue? { JSONParser.parse(bytes) }

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

    /// Compact JSON text with keys sorted, so equal values print alike.
    var compactText: String {
        switch self {
        case .null: "null"
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number): CapturedValue.numberText(number)
        case .string(let string): JSONText.quoted(string)
        case .array(let items): "[" + items.map(\.compactText).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }.map { JSONText.quoted($0.key) + ":" + $0.value.compactText }
                .joined(separator: ",") + "}"
        }
    }
}
