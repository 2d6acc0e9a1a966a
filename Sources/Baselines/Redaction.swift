import Foundation

/// Removes secrets from what a run stores about its configuration: stores are committed,
/// exported and shared between CI jobs, so credentials must never reach them.
public enum Redaction {
    /// What a secret is replaced with.
    public static let placeholder = "<redacted>"

    /// Header names whose values are credentials, compared case-insensitively.
    static let secretHeaderNames: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    /// Fragments that mark a header or query parameter name as holding a secret
    /// (`X-Api-Key`, `X-Auth-Token`, `client_secret`, `password`, …).
    static let secretNameFragments = ["api-key", "apikey", "api_key", "token", "secret", "password"]

    /// `Name: value` header lines with the values of credential headers, and of any header
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
            guard isSecretHeader(name) || containsAny(of: secrets, in: value) else { return line }
            return "\(name): \(placeholder)"
        }
    }

    /// `url` with the password of its user info (`http://user:pass@host` →
    /// `http://user:<redacted>@host`), the values of secret-looking query parameters
    /// (`?token=…`, `?api_key=…`) and any of `environmentValues` replaced by `<redacted>`.
    public static func redactURL(_ url: String, environmentValues: [String] = []) -> String {
        var redacted = redactingUserInfoPassword(url)
        redacted = redactingSecretQueryValues(redacted)
        for secret in environmentValues where !secret.isEmpty {
            redacted = redacted.replacingOccurrences(of: secret, with: placeholder)
        }
        return redacted
    }

    /// Whether a header called `name` carries a credential.
    static func isSecretHeader(_ name: some StringProtocol) -> Bool {
        let lowered = name.lowercased()
        return secretHeaderNames.contains(lowered) || isSecretName(lowered)
    }

    private static func isSecretName(_ lowered: String) -> Bool {
        secretNameFragments.contains { lowered.contains($0) }
    }

    private static func containsAny(of secrets: [String], in text: some StringProtocol) -> Bool {
        secrets.contains { text.contains($0) }
    }

    private static func redactingUserInfoPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let authorityEnd = url[scheme.upperBound...].firstIndex { "/?#".contains($0) } ?? url.endIndex
        let authority = url[scheme.upperBound..<authorityEnd]
        // The last "@" ends the user info: passwords may contain unescaped "@".
        guard let at = authority.lastIndex(of: "@"),
              let colon = authority[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<url.index(after: colon)]) + placeholder + String(url[at...])
    }

    private static func redactingSecretQueryValues(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let queryEnd = url[question...].firstIndex(of: "#") ?? url.endIndex
        let parameters = url[url.index(after: question)..<queryEnd].split(separator: "&", omittingEmptySubsequences: false)
        let redacted = parameters.map { parameter -> String in
            guard let equals = parameter.firstIndex(of: "="),
                  isSecretName((String(parameter[..<equals]).removingPercentEncoding ?? String(parameter[..<equals])).lowercased())
            else { return String(parameter) }
            return parameter[...equals] + placeholder
        }
        return String(url[...question]) + redacted.joined(separator: "&") + String(url[queryEnd...])
    }
}
