import DemoTarget
import Testing

@Suite("Trading state")
struct TradingStateTests {
    @Test func ordersPlacedConcurrentlyGetUniqueIdsAllReadableBack() async throws {
        let configuration = DemoTargetConfiguration(port: 0, eventLoopThreads: 2, fillAfter: .seconds(60))
        try await withDemoServer(configuration) { server in
            let ids = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let connection = try LoopbackConnection(port: server.port)
                        var placed: [String] = []
                        for _ in 0..<200 {
                            let response = try await connection.exchange("POST", "/api/orders", body: orderBody())
                            try #require(response.status == 201)
                            placed.append(try #require(try jsonObject(response)["id"] as? String))
                        }
                        return placed
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(ids.count == 1_600)
            #expect(Set(ids) == Set((1...1_600).map { "ord-\($0)" }))

            let connection = try LoopbackConnection(port: server.port)
            for id in ids {
                let read = try await connection.exchange("GET", "/api/orders/\(id)")
                try #require(read.status == 200, "\(id) unreadable")
                #expect(try jsonObject(read)["id"] as? String == id)
            }
        }
    }

    @Test func ordersBeyondTheCapacityEvictTheOldestAndIdsAreNotReused() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, orderCapacity: 3)) { server in
            let connection = try LoopbackConnection(port: server.port)
            var ids: [String] = []
            for _ in 0..<5 {
                let placed = try await connection.exchange("POST", "/api/orders", body: orderBody())
                ids.append(try #require(try jsonObject(placed)["id"] as? String))
            }
            #expect(ids == ["ord-1", "ord-2", "ord-3", "ord-4", "ord-5"])
            try await expectKept(
                ["ord-3", "ord-4", "ord-5"], evicted: ["ord-1", "ord-2"], under: "/api/orders", on: connection)
            #expect(try await connection.exchange("DELETE", "/api/orders/ord-2").status == 404)
        }
    }

    @Test func signalsBeyondTheCapacityEvictTheOldestButNeverTheListedOnes() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, signalCapacity: 2)) { server in
            let connection = try LoopbackConnection(port: server.port)
            for _ in 0..<3 {
                let created = try await connection.exchange("POST", "/api/signals", body: #"{"symbol":"EURUSD"}"#)
                #expect(created.status == 201)
            }
            try await expectKept(
                ["sig-1", "sig-4", "sig-6", "sig-7"], evicted: ["sig-5"], under: "/api/signals", on: connection)
            let followingEvicted = orderBody(#""signal_id":"sig-5""#)
            #expect(try await connection.exchange("POST", "/api/orders", body: followingEvicted).status == 422)
        }
    }

    private func expectKept(
        _ kept: [String], evicted: [String], under collection: String, on connection: LoopbackConnection,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for id in kept + evicted {
            let status = try await connection.exchange("GET", "\(collection)/\(id)").status
            #expect(status == (kept.contains(id) ? 200 : 404), "\(id)", sourceLocation: sourceLocation)
        }
    }
}
