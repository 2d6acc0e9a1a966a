import JSON
import NIOCore

/// A request body that must be a JSON object, read field by field. Fields no rule asks for are ignored, and
/// `null` counts as absent, as clients that serialize optional values tend to send it.
struct JSONObjectBody {
    private let fields: [String: JSONValue]

    /// Parses `body`; `example` is a body the endpoint accepts, quoted when this one is not an object.
    init(_ body: ByteBuffer, example: String) throws(RequestBodyError) {
        guard case .object(let fields) = JSONValue.parse(body.readableBytesView) else {
            throw .notAJSONObject(example: example)
        }
        self.fields = fields
    }

    /// The field `rule` names, read by the rule; `nil` when the body leaves it out.
    func optional<Value>(_ rule: FieldRule<Value>) throws(RequestBodyError) -> Value? {
        guard let json = fields[rule.name] else { return nil }
        if case .null = json { return nil }
        guard let value = rule.read(json) else {
            throw .invalidField(rule.name, requirement: rule.requirement, found: json.quoted)
        }
        return value
    }

    /// The field `rule` names, read by the rule.
    func required<Value>(_ rule: FieldRule<Value>) throws(RequestBodyError) -> Value {
        guard let value = try optional(rule) else { throw .missingField(rule.name, requirement: rule.requirement) }
        return value
    }
}
