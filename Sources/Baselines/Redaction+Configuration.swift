import JSON

extension Redaction {
    /// A run's configuration JSON with the rule applied throughout: every string read as a
    /// URL, the `headers` lists as header lines, and the value of any secret-named key replaced.
    /// Applied to every run stored, imported or read back, so a run written by an older perfkit
    /// or by hand is shown redacted too. Text that is not a JSON object is returned as is.
    public static func redactConfiguration(_ json: String) -> String {
        // Most configurations hold nothing a secret could hide in: skip parsing them.
        guard json.contains("?") || json.contains("@") || json.contains("\"headers\"") || isSecretName(json),
              let object = JSONValue.parse(json.utf8), case .object = object else { return json }
        let redacted = redactedValue(object, key: nil)
        // Nothing redacted: keep the bytes as they were (numbers and escapes may print differently).
        return redacted == object ? json : redacted.compactText
    }

    private static func redactedValue(_ value: JSONValue, key: String?) -> JSONValue {
        if let key, isSecretName(key), value.object == nil { return .string(placeholder) }
        switch value {
        case .object(let members):
            return .object(members.reduce(into: [:]) { $0[$1.key] = redactedValue($1.value, key: $1.key) })
        case .array(let items) where key == "headers" && items.allSatisfy({ $0.string != nil }):
            return .array(redactHeaders(items.compactMap(\.string)).map(JSONValue.string))
        case .array(let items):
            return .array(items.map { redactedValue($0, key: nil) })
        case .string(let text):
            return .string(redactURL(text))
        default:
            return value
        }
    }
}
