import Foundation
import Testing
import TestSupport

/// What a run says about how it sends: `--dry-run`'s plan names the client, protocol, streams,
/// threads and TLS checking before anything is contacted, and a stored run's configuration
/// keeps the client and the CA bundle it trusted.
@Suite(.timeLimit(.minutes(3)))
struct TransportPlanTests {
    @Test func dryRunNamesTheClientProtocolStreamsThreadsAndTLSChecking() async throws {
        let folder = try TemporaryFolder()
        try TLSNginx.makeCertificateAuthority(in: folder, named: "plan-ca")
        let bundle = folder.path("plan-ca.pem")
        let cases: [(arguments: [String], lines: [String], absent: String?)] = [
            (["http://127.0.0.1:9/", "--threads", "1"], ["transport: native HTTP/1.1, 1 thread"], "tls:"),
            (["https://127.0.0.1:9/", "--transport", "curl", "--http2", "--streams", "4", "-c", "8", "--threads", "2",
              "--cacert", bundle],
             ["transport: curl HTTP/2, 4 streams per connection, 2 threads", "tls: verified against \(bundle) (--cacert)"], nil),
            // -c8 as wrk and h2load write it.
            (["https://127.0.0.1:9/", "--http2", "--streams", "4", "-c8", "--threads", "1", "--insecure"],
             ["transport: native HTTP/2, 4 streams per connection, 1 thread", "connections: 8 of 8"], nil),
            (["https://127.0.0.1:9/", "--insecure", "--threads", "1"],
             ["transport: native HTTP/1.1, 1 thread", "tls: not verified (--insecure)"], nil),
            (["https://localhost:9/", "--threads", "1"], ["tls: verified against the system's certificate authorities"], nil),
        ]
        for (arguments, lines, absent) in cases {
            let outcome = try await PerfkitBinary.run(["throughput"] + arguments + ["--target-rps", "10", "--dry-run", "--no-store"])
            #expect(outcome.exitCode == 0, "\(arguments): \(outcome.stderr)")
            let printed = outcome.stdout.components(separatedBy: "\n")
            for line in lines { #expect(printed.contains(line), "\(line) in \(outcome.stdout)") }
            if let absent { #expect(!printed.contains { $0.hasPrefix(absent) }, "\(outcome.stdout)") }
        }
        let json = try await PerfkitBinary.run(["latency", "http://127.0.0.1:9/", "--rate", "10", "--duration", "1s", "--threads", "1",
                                                "--dry-run", "--no-store", "--format", "json"])
        let transport = try jsonObject(json.stdout)["transport"] as? [String: Any]
        #expect(transport?["client"] as? String == "native")
        #expect(transport?["http_version"] as? String == "HTTP/1.1")
        #expect(transport?["streams"] as? Int == 1)
        #expect(transport?["threads"] as? Int == 1)
    }

    @Test func storedRunKeepsItsClientAndCABundle() async throws {
        let folder = try TemporaryFolder()
        try TLSNginx.makeCertificateAuthority(in: folder, named: "stored-ca")
        let store = folder.path("perfkit.sqlite")
        let bundle = folder.path("stored-ca.pem")
        let outcome = try await withDemoServer { server in
            try await PerfkitBinary.run(["latency", server.baseURL + "/healthz", "--rate", "20", "--duration", "1s", "--transport", "curl",
                                         "--cacert", bundle, "--store", store, "--version", "v1", "-q"])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let exported = try await PerfkitBinary.run(["baselines", "export", "--version", "v1", "--store", store])
        #expect(exported.exitCode == 0, "\(exported.stderr)")
        let runs = try jsonObject(exported.stdout)["runs"] as? [[String: Any]] ?? []
        let stored = try jsonObject(try #require(runs.first?["configJSON"] as? String))
        #expect(stored["client"] as? String == "curl")
        #expect(stored["ca_bundle"] as? String == bundle)
    }
}
