import Foundation
import Testing
import TestSupport

/// HTTPS through the built binary on both transports, which must agree: certificate checks
/// against the system's trust store or `--cacert`, `--insecure`, and how a failed handshake is
/// counted. The native transport's own parts (session resumption, SNI, being `auto`'s pick)
/// are checked on it alone.
@Suite(.tags(.tls), .timeLimit(.minutes(3)))
struct TLSTransportTests {
    /// Runs 20 requests over 1 s on 2 connections and returns the outcome and its JSON summary.
    private func latencyRun(_ url: String, _ extra: [String]) async throws -> (outcome: ProcessOutcome, summary: [String: Any]) {
        let outcome = try await PerfkitBinary.run(["latency", url, "--duration=1", "--rate=20", "-c", "2", "--no-store",
                                                   "--format", "json", "-q"] + extra)
        return (outcome, try jsonObject(outcome.stdout))
    }

    /// Expects all 20 requests to have failed as TLS errors, with exit 1 (the error-rate target
    /// missed), not 4: a TLS failure means something answered.
    private func expectTLSFailures(_ outcome: ProcessOutcome, _ summary: [String: Any]) throws {
        #expect(outcome.exitCode == 1, "\(outcome.stderr)")
        let requests = try counts(summary, "requests")
        #expect(requests["responses"] == 0)
        #expect(requests["failures"] == 20)
        #expect(try counts(summary, "errors")["tls"] == 20)
    }

    @Test(arguments: ["native", "curl"])
    func insecureRunAcceptsAnUntrustedCertificateAndTimesTheHandshake(transport: String) async throws {
        let (outcome, summary) = try await TLSNginx.with { nginx in
            try await latencyRun(nginx.baseURL + "/", ["--insecure", "--transport", transport])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(try counts(summary, "requests")["responses"] == 20)
        #expect(try counts(summary, "status_codes") == ["200": 20])
        let phases = try #require(summary["phases_ms"] as? [String: [String: Double]])
        let tls = try #require(phases["tls"])
        // Every connection opened did a handshake, and a handshake takes some microseconds.
        #expect((tls["count"] ?? 0) >= 1)
        #expect((tls["min"] ?? 0) > 0)
        #expect((tls["max"] ?? 0) > 0)
    }

    @Test(arguments: ["native", "curl"])
    func verifiedRunRejectsACertificateNoTrustedAuthoritySigned(transport: String) async throws {
        let (outcome, summary) = try await TLSNginx.with { nginx in
            try await latencyRun(nginx.baseURL + "/", ["--transport", transport])
        }
        try expectTLSFailures(outcome, summary)
    }

    @Test(arguments: ["native", "curl"])
    func caBundleThatSignedTheCertificateVerifiesIt(transport: String) async throws {
        let (outcome, summary) = try await TLSNginx.with { nginx in
            try await latencyRun(nginx.localhostURL + "/", ["--cacert", nginx.certificateAuthority, "--transport", transport])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(try counts(summary, "status_codes") == ["200": 20])
    }

    @Test(arguments: ["native", "curl"])
    func caBundleOfAnotherAuthorityIsRejected(transport: String) async throws {
        let (outcome, summary) = try await TLSNginx.with { nginx in
            try TLSNginx.makeCertificateAuthority(in: nginx.folder, named: "stranger")
            return try await latencyRun(nginx.baseURL + "/", ["--cacert", nginx.folder.path("stranger.pem"), "--transport", transport])
        }
        try expectTLSFailures(outcome, summary)
    }

    /// Signed by the trusted authority, but for other names than the one or the address asked.
    @Test(arguments: ["native", "curl"], [true, false])
    func certificateForAnotherHostIsRejected(transport: String, byName: Bool) async throws {
        let (outcome, summary) = try await TLSNginx.with(certifiedNames: "DNS:perfkit.invalid,IP:127.0.0.2") { nginx in
            try await latencyRun((byName ? nginx.localhostURL : nginx.baseURL) + "/",
                                 ["--cacert", nginx.certificateAuthority, "--transport", transport])
        }
        try expectTLSFailures(outcome, summary)
    }

    /// A body of many TLS records, which OpenSSL reads ahead of what the socket shows.
    @Test func largeBodiesArriveWhole() async throws {
        let (outcome, summary) = try await TLSNginx.with { nginx in
            try await latencyRun(nginx.baseURL + "/large", ["--insecure", "--transport", "native"])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(try counts(summary, "status_codes") == ["200": 20])
        #expect(summary["bytes_received"] as? Int == 20 * TLSNginx.largeBodyBytes)
    }

    @Test func reconnectsResumeTheTLSSession() async throws {
        let logged = try await TLSNginx.with(requestsPerConnection: 1) { nginx in
            let (outcome, _) = try await latencyRun(nginx.baseURL + "/", ["--insecure", "--transport", "native"])
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            return try nginx.loggedRequests()
        }
        #expect(logged.count == 20)
        // Each request had a connection of its own; once the first handshakes issued a session,
        // the rest resumed it.
        let resumed = logged.filter(\.sessionReused).count
        #expect(resumed >= 15, "\(logged)")
    }

    /// SNI names the host for a host name, and is left out for an IP literal (RFC 6066 forbids it).
    @Test(arguments: [true, false])
    func serverNameIndicationIsSentForHostNamesOnly(byName: Bool) async throws {
        let logged = try await TLSNginx.with { nginx in
            let (outcome, _) = try await latencyRun((byName ? nginx.localhostURL : nginx.baseURL) + "/",
                                                    ["--cacert", nginx.certificateAuthority, "--transport", "native"])
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            return try nginx.loggedRequests()
        }
        #expect(logged.count == 20)
        if byName {
            #expect(logged.map(\.serverName) == Array(repeating: "localhost", count: 20))
        } else {
            #expect(logged.allSatisfy { $0.serverName == "-" || $0.serverName.isEmpty }, "\(logged)")
        }
    }

    /// A flow over HTTPS on both clients: the native one reads bodies through TLS as it reads
    /// them in the clear, for checks, verified against `--cacert`.
    @Test(arguments: ["native", "curl"])
    func flowOverHTTPSChecksBodiesOnEitherClient(transport: String) async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("flow.yaml")
        try """
            target: https://localhost:1
            load: { iterations: 30, vus: 3 }
            flow:
              - name: home
                path: /
                check: { status: 200, body_contains: ok }
              - name: large
                path: /large
                check: { status: 200, body_contains: xxxx }
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try await TLSNginx.with { nginx in
            try await PerfkitBinary.run(["run", path, "--target", nginx.localhostURL, "--cacert", nginx.certificateAuthority,
                                         "--transport", transport, "--no-store", "--format", "json", "-q"])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)\n\(outcome.stdout)")
        let summary = try jsonObject(outcome.stdout)
        #expect(summary["transport"] as? String == transport)
        let checks = try #require(summary["checks"] as? [[String: Any]])
        #expect(checks.count == 4)
        #expect(checks.allSatisfy { $0["failures"] as? Int == 0 && $0["passes"] as? Int == 30 }, "\(checks)")
    }

    /// A server that is no TLS server: it answers the ClientHello with an HTTP response, or
    /// closes mid-handshake. Both transports count a TLS failure and the run ends.
    @Test(arguments: ["native", "curl"], [HostileServer.Step.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), .close])
    func serverThatSpeaksNoTLSFailsTheHandshake(transport: String, answer: HostileServer.Step) async throws {
        let server = try HostileServer([answer], waitsForHead: false)
        defer { server.stop() }
        let (outcome, summary) = try await latencyRun("https://127.0.0.1:\(server.port)/", ["--insecure", "--transport", transport])
        try expectTLSFailures(outcome, summary)
    }
}
