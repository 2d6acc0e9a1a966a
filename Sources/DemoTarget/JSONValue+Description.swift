import JSON

/// A request body's value as an error message quotes it back.
extension JSONValue {
    /// A short rendering for error messages: scalars as JSON spells them, long strings cut, containers named.
    var quoted: String {
        switch self {
        case .null: "null"
        case .bool(let bool): "\(bool)"
        case .number(let number) where number == number.rounded() && number.magnitude < 1e15: "\(Int64(number))"
        case .number(let number): "\(number)"
        case .string(let text) where text.count > 40: "\"\(text.prefix(40))…\""
        case .string(let text): "\"\(text)\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}
