import Foundation
import Testing
import TestSupport

/// perfkit's own HTTP/2 client through the built binary, against nginx and hostile servers:
/// what arrives (statuses, body bytes over many DATA frames, HEAD), h2c by prior knowledge,
/// servers that close connections, refuse HTTP/2 or break the protocol, and how each failure
/// is counted.
@Suite(.tags(.tls), .timeLimit(.minutes(3)))
struct NativeHTTP2Tests {
    /// 20 requests over 1 s on 2 connections of 2 streams each; the outcome and its JSON summary.
    private func latencyRun(_ url: String, _ extra: [String] = []) async throws -> (outcome: ProcessOutcome, summary: [String: Any]) {
        let outcome = try await PerfkitBinary.run(["latency", url, "--duration=1", "--rate=20", "-c", "2", "--streams", "2",
                                                   "--http2", "--insecure", "--transport", "native", "--no-store",
                                                   "--format", "json", "-q"] + extra)
        return (outcome, try jsonObject(outcome.stdout))
    }

    /// Expects the 20 requests to have failed as `kind`, with exit 1 (the error-rate target missed).
    private func expectFailures(_ kind: String, _ outcome: ProcessOutcome, _ summary: [String: Any]) throws {
        #expect(outcome.exitCode == 1, "\(outcome.stderr)")
        #expect(try counts(summary, "requests")["failures"] == 20)
        #expect(try counts(summary, "errors").filter { $0.value > 0 } == [kind: 20])
    }

    @Test(arguments: [("/", "GET", 3), ("/large", "GET", TLSNginx.largeBodyBytes), ("/", "HEAD", 0)])
    func responsesArriveWithTheirStatusAndBodyBytes(path: String, method: String, bodyBytes: Int) async throws {
        let (outcome, summary, logged) = try await TLSNginx.with { nginx in
            let (outcome, summary) = try await latencyRun(nginx.baseURL + path, ["--method", method])
            return (outcome, summary, try nginx.loggedRequests())
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(try counts(summary, "status_codes") == ["200": 20])
        #expect(summary["bytes_received"] as? Int == 20 * bodyBytes)
        // The requests that opened a connection timed its handshake; every one its first byte.
        let phases = try #require(summary["phases_ms"] as? [String: [String: Double]])
        #expect((1...4).contains(phases["tls"]?["count"] ?? 0), "\(phases)")
        #expect(phases["ttfb"]?["count"] == 20, "\(phases)")
        #expect(logged.count == 20 && logged.allSatisfy { $0.serverProtocol == "HTTP/2.0" }, "\(logged)")
        // Open model at 20/s: a request finds an idle slot, mostly the first connection's.
        #expect((1...2).contains(Set(logged.map(\.connection)).count))
    }

    @Test func cleartextTargetIsSpokenToByPriorKnowledge() async throws {
        let (outcome, summary, logged) = try await TLSNginx.with(listener: .cleartextHTTP2) { nginx in
            let (outcome, summary) = try await latencyRun(nginx.baseURL + "/")
            return (outcome, summary, try nginx.loggedProtocols())
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(try counts(summary, "status_codes") == ["200": 20])
        #expect(logged == Array(repeating: "HTTP/2.0", count: 20))
    }

    /// nginx ends each connection with a GOAWAY after 3 requests: the streams it did not take go
    /// again on a new connection, and none fails.
    @Test func serverClosingConnectionsLeavesNoRequestFailed() async throws {
        let (outcome, summary, logged) = try await TLSNginx.with(requestsPerConnection: 3) { nginx in
            let outcome = try await PerfkitBinary.run(["throughput", nginx.baseURL + "/", "--max", "--http2", "--insecure",
                                                       "--transport", "native", "-c", "2", "--streams", "4",
                                                       "--duration", "1s", "--no-store", "--format", "json", "-q"])
            return (outcome, try jsonObject(outcome.stdout), try nginx.loggedRequests())
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let requests = try counts(summary, "requests")
        #expect(requests["failures"] == 0, "\(summary)")
        #expect((requests["responses"] ?? 0) >= 30)
        let perConnection = Dictionary(grouping: logged, by: \.connection).mapValues(\.count)
        #expect(perConnection.count >= 10)
        #expect(perConnection.values.allSatisfy { $0 <= 3 }, "\(perConnection)")
    }

    /// No fallback to HTTP/1.1: the server that selects http/1.1 gets no request at all.
    @Test func serverThatDoesNotSelectHTTP2FailsAsNotNegotiated() async throws {
        let (outcome, summary, logged) = try await TLSNginx.with(listener: .tlsWithoutHTTP2) { nginx in
            let (outcome, summary) = try await latencyRun(nginx.baseURL + "/")
            return (outcome, summary, try nginx.loggedRequests())
        }
        try expectFailures("h2_not_negotiated", outcome, summary)
        #expect(logged.isEmpty)
    }

    @Test func serverThatSpeaksNoTLSFailsTheHandshake() async throws {
        let server = try HostileServer([.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")], waitsForHead: false)
        defer { server.stop() }
        let (outcome, summary) = try await latencyRun("https://127.0.0.1:\(server.port)/")
        try expectFailures("tls", outcome, summary)
    }

    /// Servers that break HTTP/2 after the connection preface, each failure counted by its kind
    /// within the run: an HTTP/1.1 response (read as a frame far too long) and an empty SETTINGS
    /// followed by a HEADERS frame whose header block does not decode are protocol errors; a
    /// reset or a close before any answer is a reset once the request went again on a new
    /// connection; silence is a timeout, the connection's other streams left running.
    @Test(arguments: [
        ([.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")], "protocol"),
        ([.send("\0\0\0\u{4}\0\0\0\0\0" + "\0\0\u{4}\u{1}\u{5}\0\0\0\u{1}" + "\u{7F}\u{7F}\u{7F}\u{7F}")], "protocol"),
        ([.reset], "reset"),
        ([.close], "reset"),
        ([.pause(.seconds(3))], "timeout"),
    ] as [([HostileServer.Step], String)])
    func brokenServersFailEachRequestByKind(script: [HostileServer.Step], kind: String) async throws {
        let server = try HostileServer(script)
        defer { server.stop() }
        let (outcome, summary) = try await latencyRun(server.baseURL + "/", ["--timeout", "300ms"])
        try expectFailures(kind, outcome, summary)
    }
}
