import DemoTarget
import Foundation
import Testing

@Suite("Signal endpoints")
struct SignalEndpointTests {
    @Test func createdSignalIsNumberedAfterTheListedOnesAndReadableAtItsLocation() async throws {
        try await withDemoServer { server in
            let before = Date().timeIntervalSince1970 * 1000
            let created = try await server.request(
                "POST", "/api/signals", body: #"{"symbol":"GBPUSD","strategy":"momentum","bid":1.2671}"#)
            #expect(created.status == 201)
            #expect(created.headers["location"] == "/api/signals/sig-5")
            let signal = try jsonObject(created)
            #expect(signal["id"] as? String == "sig-5")
            #expect(signal["symbol"] as? String == "GBPUSD")
            #expect(["buy", "sell"].contains(signal["side"] as? String))
            let strength = try #require(signal["strength"] as? Double)
            #expect((0...1).contains(strength))
            let createdAt = try #require(signal["created_at"] as? Double)
            #expect(abs(createdAt - before) < 5_000)

            let read = try jsonObject(try await server.get("/api/signals/sig-5"))
            #expect(read["side"] as? String == signal["side"] as? String)
            #expect(read["strength"] as? Double == strength)
        }
    }

    @Test func listedSignalsAreReadableById() async throws {
        try await withDemoServer { server in
            let list = try jsonObject(try await server.get("/api/signals"))
            let listed = try #require(list["signals"] as? [[String: Any]])
            let first = try #require(listed.first)
            let id = try #require(first["id"] as? String)
            let read = try await server.get("/api/signals/\(id)")
            #expect(read.status == 200)
            #expect(try jsonObject(read)["symbol"] as? String == first["symbol"] as? String)
        }
    }

    @Test(arguments: [
        ("", "JSON object", nil), ("not json", "JSON object", nil), (#"["EURUSD"]"#, "JSON object", nil),
        ("{}", "missing symbol", "symbol"), (#"{"symbol":null}"#, "missing symbol", "symbol"),
        (#"{"symbol":"eurusd"}"#, #"invalid symbol "eurusd""#, "symbol"),
        (#"{"symbol":7}"#, "invalid symbol 7", "symbol"),
    ] as [(String, String, String?)])
    func badSignalBodyIsRejectedNamingTheProblem(_ body: String, _ message: String, _ field: String?) async throws {
        try await withDemoServer { server in
            let response = try await server.request("POST", "/api/signals", body: body)
            #expect(response.status == 400)
            let json = try jsonObject(response)
            #expect((json["error"] as? String)?.contains(message) == true, "\(json)")
            #expect(json["field"] as? String == field)
        }
    }

    @Test(arguments: ["sig-999", "sig-05", "sig-0", "ord-1", "EURUSD"])
    func unknownSignalIdIsNotFound(_ id: String) async throws {
        try await withDemoServer { server in
            let response = try await server.get("/api/signals/\(id)")
            #expect(response.status == 404)
            #expect(try jsonObject(response)["id"] as? String == id)
        }
    }
}
