import Foundation

/// Removes secrets from everything perfkit stores, prints or writes about a request: stores
/// are committed, exported and shared between CI jobs, and CI logs are public more often than
/// not, so credentials must reach none of them.
///
/// One rule, by name rather than by list, so that names nobody thought of are covered: a
/// header or query parameter whose name contains any of `secretNameFragments`
/// (case-insensitive) has its value replaced; so has the password of a URL's user info, or
/// the whole user info when it has no password (`https://TOKEN@host` is how tokens are
/// passed), and any value that came from the environment.
public enum Redaction {
    /// What a secret is replaced with.
    public static let placeholder = "<redacted>"

    /// Fragments that mark a header or query parameter name as holding a secret:
    /// `Authorization`, `X-Auth`, `Authentication`, `X-Api-Key`, `access_token`, `signature`,
    /// `client_secret`, `Cookie`, `session_id`, `X-Credential`, `passwd`, …
    static let secretNameFragments = ["auth", "token", "key", "secret", "passw", "pwd", "signature", "session",
                                      "cookie", "credential"]

    /// `Name: value` header lines with the values of secret-named headers, and of any header
    /// whose value contains one of `environmentValues`, replaced by `<redacted>`.
    ///
    /// - Parameter environmentValues: the values `${ENV}` references expanded to; whatever came
    ///   from the environment is treated as a secret wherever it appears.
    public static func redactHeaders(_ lines: [String], environmentValues: [String] = []) -> [String] {
        let secrets = environmentValues.filter { !$0.isEmpty }
        return lines.map { line in
            guard let colon = line.firstIndex(of: ":") else {
                return containsAny(of: secrets, in: line) ? placeholder : line
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...]
            guard isSecretName(name) || containsAny(of: secrets, in: value) else { return line }
            return "\(name): \(placeholder)"
        }
    }

    /// `url` with its user info's password (or a user info without one), the values of
    /// secret-named query parameters, and any of `environmentValues` replaced by `<redacted>`.
    /// Also takes a path with a query (`/api?token=…`).
    public static func redactURL(_ url: String, environmentValues: [String] = []) -> String {
        var redacted = redactingUserInfo(url)
        redacted = redactingSecretQueryValues(redacted)
        for secret in environmentValues where !secret.isEmpty {
            redacted = redacted.replacingOccurrences(of: secret, with: placeholder)
        }
        return redacted
    }

    /// `text` (an error message, a log line) with every `scheme://…` URL in it redacted as by
    /// `redactURL`. A URL ends at white space or a quote.
    public static func redactURLs(in text: String) -> String {
        guard text.contains("://") else { return text }
        var result = ""
        var rest = Substring(text)
        while let separator = rest.range(of: "://") {
            let schemeStart = rest[..<separator.lowerBound].lastIndex { !isSchemeCharacter($0) }
                .map(rest.index(after:)) ?? rest.startIndex
            let end = rest[separator.upperBound...].firstIndex { $0.isWhitespace || "'\"`<>".contains($0) } ?? rest.endIndex
            result += rest[..<schemeStart] + redactURL(String(rest[schemeStart..<end]))
            rest = rest[end...]
        }
        return result + rest
    }

    /// Whether a header or query parameter called `name` carries a secret.
    public static func isSecretName(_ name: some StringProtocol) -> Bool {
        let lowered = name.lowercased()
        return secretNameFragments.contains { lowered.contains($0) }
    }

    private static func isSchemeCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "+-.".contains(character))
    }

    private static func containsAny(of secrets: [String], in text: some StringProtocol) -> Bool {
        secrets.contains { text.contains($0) }
    }

    private static func redactingUserInfo(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let authorityEnd = url[scheme.upperBound...].firstIndex { "/?#".contains($0) } ?? url.endIndex
        let authority = url[scheme.upperBound..<authorityEnd]
        // The last "@" ends the user info: passwords may contain unescaped "@".
        guard let at = authority.lastIndex(of: "@") else { return url }
        let secretStart = authority[..<at].firstIndex(of: ":").map(url.index(after:)) ?? scheme.upperBound
        return String(url[..<secretStart]) + placeholder + String(url[at...])
    }

    private static func redactingSecretQueryValues(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let queryEnd = url[question...].firstIndex(of: "#") ?? url.endIndex
        let parameters = url[url.index(after: question)..<queryEnd].split(separator: "&", omittingEmptySubsequences: false)
        let redacted = parameters.map { parameter -> String in
            guard let equals = parameter.firstIndex(of: "="),
                  isSecretName(String(parameter[..<equals]).removingPercentEncoding ?? String(parameter[..<equals]))
            else { return String(parameter) }
            return parameter[...equals] + placeholder
        }
        return String(url[...question]) + redacted.joined(separator: "&") + String(url[queryEnd...])
    }
}
