import Foundation
import Testing
import TestSupport

/// `--connections` and `--streams` over HTTP/2, as nginx saw them, on perfkit's own client and
/// on libcurl: exactly the connections asked for, and on each at most `--streams` requests at
/// once, several of them together.
@Suite(.tags(.libcurl), .timeLimit(.minutes(3)))
struct HTTP2ConnectionTests {
    /// A closed-model HTTP/2 run of 1 s on `path` through `transport` with `flags`; returns its
    /// exit code and stderr and what nginx logged.
    private func run(_ path: String, _ transport: String, _ flags: [String]) async throws
        -> (ProcessOutcome, [TLSNginx.LoggedRequest]) {
        try await TLSNginx.with { nginx in
            let outcome = try await PerfkitBinary.run(["throughput", nginx.baseURL + path, "--max", "--http2", "--insecure",
                                                       "--transport", transport, "--duration", "1s", "--no-store", "-q"]
                                                          + flags)
            return (outcome, try nginx.loggedRequests())
        }
    }

    @Test(arguments: ["native", "curl"])
    func sixtyFourConnectionsAreSixtyFourHTTP2Connections(transport: String) async throws {
        let (outcome, requests) = try await run("/", transport, ["-c", "64"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(Set(requests.map(\.connection)).count == 64)
        #expect(!requests.isEmpty && requests.allSatisfy { $0.serverProtocol == "HTTP/2.0" })
    }

    /// On /slow (200 ms) each of the 40 slots has about 5 requests in the second, so every
    /// connection carries its 10 streams together again and again.
    @Test(arguments: ["native", "curl"])
    func streamsRunTogetherOnEachOfTheConnections(transport: String) async throws {
        let (outcome, requests) = try await run("/slow", transport, ["-c", "4", "--streams", "10"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let byConnection = Dictionary(grouping: requests, by: \.connection)
        #expect(byConnection.count == 4)
        let mostAtOnce = byConnection.mapValues { Self.mostAtOnce($0.map(\.milliseconds)) }
        #expect(mostAtOnce.values.contains { $0 >= 5 }, "\(mostAtOnce)")
        #expect(mostAtOnce.values.allSatisfy { $0 <= 10 }, "\(mostAtOnce)")
    }

    /// The most of `spans` that cover one instant; a span that ends as another starts does
    /// not overlap it.
    private static func mostAtOnce(_ spans: [Range<Int64>]) -> Int {
        let edges = spans.flatMap { [($0.lowerBound, 1), ($0.upperBound, -1)] }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var current = 0
        var most = 0
        for (_, change) in edges {
            current += change
            most = max(most, current)
        }
        return most
    }
}
