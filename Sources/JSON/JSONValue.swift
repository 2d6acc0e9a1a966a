/// A parsed JSON document: a scenario's captures and checks read responses with it, the demo
/// target reads request bodies with it.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses `bytes` as one JSON document; nil when they are not JSON.
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> JSONValue? { JSONParser.parse(Array(bytes)) }

    /// Parses `bytes` as one JSON document, checked whole, but keeps of a top-level object only
    /// the members named in `kept` (what a scenario's paths can reach): the others cost no
    /// dictionary entries. nil when the bytes are not JSON.
    public static func parse(_ bytes: [UInt8], keepingTopLevelMembers kept: [String]) -> JSONValue? {
        JSONParser.parse(bytes, keepingTopLevelMembers: kept)
    }

    /// Compact JSON text with keys sorted, so equal values print alike.
    public var compactText: String {
        switch self {
        case .null: "null"
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number): JSONText.number(number)
        case .string(let string): JSONText.quoted(string)
        case .array(let items): "[" + items.map(\.compactText).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }.map { JSONText.quoted($0.key) + ":" + $0.value.compactText }
                .joined(separator: ",") + "}"
        }
    }
}
