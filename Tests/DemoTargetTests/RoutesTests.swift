import DemoTarget
import Foundation
import Testing

@Suite("Routes")
struct RoutesTests {
    @Test func healthzReportsTheConfiguredVersion() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, version: "v1.2.3")) { server in
            let response = try await server.get("/healthz")
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/json")
            let json = try jsonObject(response)
            #expect(json["status"] as? String == "ok")
            #expect(json["version"] as? String == "v1.2.3")
            #expect((json["uptime_seconds"] as? Double).map { $0 >= 0 } == true)
        }
    }

    @Test func healthzEscapesAVersionThatNeedsIt() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, version: "v2 \"beta\"")) { server in
            let json = try jsonObject(try await server.get("/healthz"))
            #expect(json["version"] as? String == "v2 \"beta\"")
        }
    }

    @Test func pricesQuoteTheRequestedSymbolWithBidBelowAsk() async throws {
        try await withDemoServer { server in
            let before = Date().timeIntervalSince1970 * 1000
            let response = try await server.get("/api/prices/EURUSD")
            #expect(response.status == 200)
            let json = try jsonObject(response)
            #expect(json["symbol"] as? String == "EURUSD")
            let bid = try #require(json["bid"] as? Double)
            let ask = try #require(json["ask"] as? Double)
            #expect(bid < ask)
            #expect((1.0...1.2).contains(bid))
            #expect(response.text.contains(/"bid":1\.\d{5},"ask":1\.\d{5},/), "quoted with the pair's five decimals")
            let timestamp = try #require(json["timestamp"] as? Double)
            #expect(abs(timestamp - before) < 5_000)
        }
    }

    @Test(arguments: ["eurusd", "EUR-USD", "ABCDEFGHIJKLM", ""])
    func pricesRejectAMalformedSymbol(_ symbol: String) async throws {
        try await withDemoServer { server in
            let response = try await server.get("/api/prices/\(symbol)")
            #expect(response.status == 400)
            #expect((try jsonObject(response)["error"] as? String)?.contains("symbol") == true)
        }
    }

    @Test func signalsListSeveralSignals() async throws {
        try await withDemoServer { server in
            let response = try await server.get("/api/signals")
            #expect(response.status == 200)
            let signals = try #require(try jsonObject(response)["signals"] as? [[String: Any]])
            #expect(signals.count >= 3)
            #expect(signals.allSatisfy { ["buy", "sell"].contains($0["side"] as? String) })
        }
    }

    @Test func indexNamesTheEndpoints() async throws {
        try await withDemoServer { server in
            let response = try await server.get("/")
            #expect(response.status == 200)
            let endpoints = try #require(try jsonObject(response)["endpoints"] as? [String])
            #expect(endpoints.contains("GET /healthz"))
            #expect(endpoints.contains("GET /api/prices/{symbol}"))
            let trading = ["POST /api/signals", "POST /api/orders", "GET /api/orders/{id}", "DELETE /api/orders/{id}"]
            #expect(Set(trading).isSubset(of: endpoints))
        }
    }

    @Test func unknownPathIsNotFoundAndNamed() async throws {
        try await withDemoServer { server in
            let response = try await server.get("/api/nothing?x=1")
            #expect(response.status == 404)
            let json = try jsonObject(response)
            #expect(json["error"] as? String == "not found")
            #expect(json["path"] as? String == "/api/nothing")
        }
    }

    @Test(arguments: [
        ("DELETE", "/healthz", "GET, HEAD"), ("POST", "/", "GET, HEAD"), ("PUT", "/api/prices/EURUSD", "GET, HEAD"),
        ("DELETE", "/api/signals", "GET, HEAD, POST"), ("POST", "/api/signals/sig-1", "GET, HEAD"),
        ("GET", "/api/orders", "POST"), ("PATCH", "/api/orders/ord-1", "GET, HEAD, DELETE"),
    ])
    func wrongMethodOnAKnownPathIsNotAllowed(_ method: String, _ path: String, _ allowed: String) async throws {
        try await withDemoServer { server in
            let response = try await server.request(method, path)
            #expect(response.status == 405)
            #expect(response.headers["allow"] == allowed)
            let json = try jsonObject(response)
            #expect(json["error"] as? String == "method not allowed")
            #expect(json["allowed"] as? String == allowed)
        }
    }

    @Test func headAnnouncesTheLengthWithoutSendingTheBody() async throws {
        try await withDemoServer { server in
            let response = try await server.request("HEAD", "/api/signals")
            #expect(response.status == 200)
            #expect(Int(response.headers["content-length"] ?? "") ?? 0 > 0)
            #expect(response.body.isEmpty)
        }
    }
}

/// The response body parsed as a JSON object.
func jsonObject(_ response: WireResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
}
