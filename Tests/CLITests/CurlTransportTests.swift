import Foundation
import Testing
import TestSupport

/// What the libcurl transport exists for, through the built binary: HTTP/2 by ALPN (beside
/// HTTP/1.1, which `auto` sends natively), and DNS failures. HTTPS on both transports is in
/// `TLSTransportTests`.
@Suite(.tags(.libcurl), .timeLimit(.minutes(3)))
struct CurlTransportTests {
    /// Runs 20 requests over 1 s on 2 connections and returns the outcome and its JSON summary.
    private func latencyRun(_ url: String, _ extra: [String] = [], wrapper: [String] = []) async throws
        -> (outcome: ProcessOutcome, summary: [String: Any]) {
        let outcome = try await PerfkitBinary.run(["latency", url, "--duration=1", "--rate=20", "-c", "2", "--no-store",
                                                   "--format", "json", "-q"] + extra, wrapper: wrapper)
        return (outcome, try jsonObject(outcome.stdout))
    }

    @Test(arguments: [([String](), "HTTP/1.1"), (["--http2"], "HTTP/2.0")])
    func requestsGoOverTheProtocolAsked(flags: [String], logged: String) async throws {
        let (outcome, protocols) = try await TLSNginx.with { nginx in
            let run = try await latencyRun(nginx.baseURL + "/", ["--insecure"] + flags)
            return (run.outcome, try nginx.loggedProtocols())
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        // nginx logs `$server_protocol`: what the request really came over, not what was asked.
        #expect(protocols == Array(repeating: logged, count: 20))
    }

    /// The run goes in a network namespace of its own (`unshare --net`): it has only a loopback
    /// interface, and that one down, so the resolver's query to the nameserver in
    /// /etc/resolv.conf fails on this machine with "network unreachable" and no packet leaves
    /// it; the namespace ends with the process, so nothing is left to delete. `.invalid` is
    /// reserved (RFC 6761) and in no hosts file.
    @Test(arguments: ["curl", "native"])
    func unresolvableHostIsADNSFailureAndExitsFour(transport: String) async throws {
        let (outcome, summary) = try await latencyRun("http://perfkit-test.invalid/", ["--transport", transport],
                                                      wrapper: ["/usr/bin/unshare", "--net"])
        #expect(outcome.exitCode == 4, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("target unreachable"))
        #expect(try counts(summary, "requests")["failures"] == 20)
        #expect(try counts(summary, "errors")["dns"] == 20)
    }
}
