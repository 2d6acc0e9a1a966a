/// The rule for the labels runs are stored under (versions, scenario names), wherever they come
/// from: a flag, the environment, a scenario file or the target's `/healthz`. Labels are printed
/// on terminals and in reports and compared as keys, so a label is short and holds no control
/// character (no escape sequence, no newline, no bidirectional override).
public enum RunLabel {
    /// The most characters a label may have.
    public static let maximumLength = 128

    /// Why `text` cannot be a label (e.g. "is 200000 characters long (at most 128)"), or nil.
    public static func problem(_ text: String) -> String? {
        if text.isEmpty { return "is empty" }
        if text.count > maximumLength { return "is \(text.count) characters long (at most \(maximumLength))" }
        if text.unicodeScalars.contains(where: isControl) {
            return "contains control characters (escape sequences, line breaks, tabs); use letters, digits and punctuation"
        }
        return nil
    }

    /// `text` as it may be printed: control characters replaced by `?` and cut to
    /// `maximumLength` characters, for labels read back from a store perfkit did not fill alone.
    public static func printable(_ text: some StringProtocol) -> String {
        let scalars = text.unicodeScalars.map { isControl($0) ? "?" : $0 }
        let cleaned = String(String.UnicodeScalarView(scalars))
        return cleaned.count > maximumLength ? cleaned.prefix(maximumLength - 1) + "…" : cleaned
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
