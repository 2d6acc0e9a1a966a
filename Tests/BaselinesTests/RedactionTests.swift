import Baselines
import Testing

/// Secrets never reach the store: stores are committed, exported and shared between CI jobs.
struct RedactionTests {
    @Test(arguments: ["Authorization: Bearer abc.def", "authorization:Basic dXNlcjpwYXNz",
                      "Proxy-Authorization: Basic eDp5", "Cookie: session=42", "Set-Cookie: id=7; HttpOnly",
                      "X-Api-Key: k-123", "X-APIKEY: k-123", "api_key: k-123", "X-Auth-Token: t-9",
                      "X-Client-Secret: s", "X-Password: hunter2", "X-Authorization: t", "Authentication: t",
                      "X-Auth: t", "X-Session-Id: s", "X-Amz-Signature: s", "X-Credential: c", "X-Vault-Passwd: p"])
    func credentialHeadersLoseTheirValues(line: String) {
        let name = line.prefix { $0 != ":" }
        #expect(Redaction.redactHeaders([line]) == ["\(name): <redacted>"])
    }

    @Test func ordinaryHeadersAreKeptAsWritten() {
        let lines = ["Accept: application/json", "Content-Type:text/plain", "X-Request-Id: 12"]
        #expect(Redaction.redactHeaders(lines) == lines)
    }

    @Test func headersCarryingAnEnvironmentValueAreRedacted() {
        let lines = ["X-Tenant: acme-prod-4411", "X-Trace: t-1", "Accept: */*"]
        #expect(Redaction.redactHeaders(lines, environmentValues: ["prod-4411", ""])
                    == ["X-Tenant: <redacted>", "X-Trace: t-1", "Accept: */*"])
    }

    @Test func aLineWithoutAColonIsRedactedWhenItCarriesAnEnvironmentValue() {
        #expect(Redaction.redactHeaders(["garbage-secret-42", "plain"], environmentValues: ["secret-42"])
                    == ["<redacted>", "plain"])
    }

    @Test func urlPasswordsAreRedactedAndUsersKept() {
        #expect(Redaction.redactURL("http://user:pass@host:8080/path?q=1") == "http://user:<redacted>@host:8080/path?q=1")
        #expect(Redaction.redactURL("https://bob:p@ss@example.com") == "https://bob:<redacted>@example.com")
    }

    @Test func urlsWithoutSecretsAreUnchanged() {
        for url in ["http://127.0.0.1:8080/api/prices/ACME", "http://host/a@b?symbol=X#frag",
                    "not a url"] {
            #expect(Redaction.redactURL(url) == url)
        }
    }

    @Test func aUserInfoWithoutPasswordIsRedactedWhole() {
        #expect(Redaction.redactURL("https://ghp_TOKEN@host/x") == "https://<redacted>@host/x")
    }

    @Test(arguments: ["key", "auth", "token", "access_token", "signature", "X-Amz-Credential", "session"])
    func secretNamedQueryParametersAreRedacted(name: String) {
        #expect(Redaction.redactURL("http://h/p?symbol=ACME&\(name)=s3cr3t") == "http://h/p?symbol=ACME&\(name)=<redacted>")
    }

    @Test func urlsInsideTextAreRedacted() {
        #expect(Redaction.redactURLs(in: "target unreachable: 'http://u:pw@h/x?token=t' (refused)")
                    == "target unreachable: 'http://u:<redacted>@h/x?token=<redacted>' (refused)")
    }

    @Test func configurationsWrittenByOlderPerfkitsAreRedactedWhenRead() {
        let config = #"{"headers":["X-Auth: a","Accept: */*"],"url":"http://T@h/?key=k","x_token":"t","n":1}"#
        #expect(Redaction.redactConfiguration(config)
                    == #"{"headers":["X-Auth: <redacted>","Accept: */*"],"n":1,"url":"http://<redacted>@h/?key=<redacted>","x_token":"<redacted>"}"#)
        let clean = #"{"command":"latency","connections":64}"#
        #expect(Redaction.redactConfiguration(clean) == clean)
    }

    @Test func secretQueryParametersAreRedacted() {
        #expect(Redaction.redactURL("http://h/p?symbol=ACME&access_token=abc&API_KEY=k#top")
                    == "http://h/p?symbol=ACME&access_token=<redacted>&API_KEY=<redacted>#top")
    }

    @Test func environmentValuesAreRedactedAnywhereInTheURL() {
        #expect(Redaction.redactURL("http://h/tenants/t-991/orders", environmentValues: ["t-991"])
                    == "http://h/tenants/<redacted>/orders")
    }
}
