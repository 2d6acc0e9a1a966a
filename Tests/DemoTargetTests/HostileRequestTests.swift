import DemoTarget
import Foundation
import Testing
import TestSupport

/// Requests that are too large or too slow get a precise answer, over real loopback sockets.
@Suite(.timeLimit(.minutes(1)))
struct HostileRequestTests {
    /// (request head and body, expected status).
    @Test(arguments: [
        ("PUT /control/error-rate HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n" + String(repeating: "1", count: 2 << 20), 413),
        ("POST /api/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 5368709120\r\n\r\n", 413),
        ("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5368709120\r\n\r\n", 413),
        ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "h", count: 100_000) + "\r\n\r\n", 431),
        ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "h", count: 10_000_000) + "\r\n\r\n", 431),
        ("GET / HTTP/1.1\r\nHost x\r\n\r\n", 400),
    ])
    func oversizedOrMalformedRequestsGetTheirStatus(request: String, status: Int) async throws {
        let configuration = DemoTargetConfiguration(port: 0, acceptsControl: true)
        try await withDemoServer(configuration) { server in
            let connection = try LoopbackConnection(port: server.port)
            try await connection.send(request)
            #expect(try await connection.readResponse().status == status)
        }
    }

    @Test(.tags(.timing)) func aConnectionThatNeverFinishesItsHeadIsClosed() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, headTimeout: .milliseconds(300))) { server in
            let connection = try LoopbackConnection(port: server.port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n")
            let started = ContinuousClock.now
            _ = try await connection.readToEnd()
            // The head timeout is 300 ms: a server that never closes leaves readToEnd waiting.
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }

    /// The head timer is re-armed lazily: a connection whose requests keep coming within the
    /// timeout must outlive many of them.
    @Test(.tags(.timing)) func aKeptAliveConnectionWithRequestsWithinTheHeadTimeoutStaysOpen() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, headTimeout: .seconds(1))) { server in
            let connection = try LoopbackConnection(port: server.port)
            // Three head timeouts long, a request every quarter of one.
            for request in 0..<12 {
                try await connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try await connection.readResponse().status == 200, "request \(request)")
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    @Test(.tags(.timing)) func anIdleKeptAliveConnectionIsClosedAfterTheHeadTimeout() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, headTimeout: .milliseconds(300))) { server in
            let connection = try LoopbackConnection(port: server.port)
            try await connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await connection.readResponse().status == 200)
            let started = ContinuousClock.now
            _ = try await connection.readToEnd()
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }
}
