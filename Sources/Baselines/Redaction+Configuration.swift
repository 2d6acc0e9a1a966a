import Foundation

extension Redaction {
    /// A run's configuration JSON with the rule applied throughout: every string read as a
    /// URL, the `headers` lists as header lines, and the value of any secret-named key replaced.
    /// Applied to every run stored, imported or read back, so a run written by an older perfkit
    /// or by hand is shown redacted too. Text that is not a JSON object is returned as is.
    public static func redactConfiguration(_ json: String) -> String {
        // Most configurations hold nothing a secret could hide in: skip parsing them.
        guard json.contains("?") || json.contains("@") || json.contains("\"headers\"") || isSecretName(json),
              let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return json }
        guard let redacted = serialized(redactedValue(object, key: nil)) else { return placeholder }
        // Nothing redacted: keep the bytes as they were (numbers and escapes may print differently).
        return redacted == serialized(object) ? json : redacted
    }

    private static func serialized(_ object: Any) -> String? {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func redactedValue(_ value: Any, key: String?) -> Any {
        if let key, isSecretName(key), !(value is [String: Any]) { return placeholder }
        switch value {
        case let object as [String: Any]:
            return object.reduce(into: [String: Any]()) { $0[$1.key] = redactedValue($1.value, key: $1.key) }
        case let lines as [String] where key == "headers":
            return redactHeaders(lines)
        case let array as [Any]:
            return array.map { redactedValue($0, key: nil) }
        case let text as String:
            return redactURL(text)
        default:
            return value
        }
    }
}
