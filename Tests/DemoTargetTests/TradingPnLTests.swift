import DemoTarget
import Testing

/// `trading_pnl` in `/metrics`: the profit and loss of the orders placed, booked at their fills.
@Suite struct TradingPnLTests {
    private func pnl(_ server: DemoServer) async throws -> Double? {
        let text = try await server.get("/metrics").text
        #expect(text.contains("# TYPE trading_pnl gauge"), "\(text)")
        let line = text.split(separator: "\n").first { $0.hasPrefix("trading_pnl ") }
        return line.flatMap { Double($0.split(separator: " ")[1]) }
    }

    private func order(_ side: String, limit: Double) -> String {
        #"{"symbol":"EURUSD","side":"\#(side)","quantity":1000,"limit_price":\#(limit)}"#
    }

    @Test func startsAtZeroAndBooksEachOrderAgainstItsFillPrice() async throws {
        try await withDemoServer { server in
            let initial = try await pnl(server)
            #expect(initial == 0)
            // EURUSD trades near 1.0842 (±0.2%): buying 1000 at 2.0 loses about 916 each time.
            for _ in 0..<3 {
                let placed = try await server.request("POST", "/api/orders", body: order("buy", limit: 2.0))
                #expect(placed.status == 201)
            }
            let afterBuys = try #require(try await pnl(server))
            #expect(afterBuys < -3 * 910 && afterBuys > -3 * 920, "\(afterBuys)")
            // Selling 1000 at 2.0 wins as much.
            _ = try await server.request("POST", "/api/orders", body: order("sell", limit: 2.0))
            let afterSell = try #require(try await pnl(server))
            #expect(afterSell - afterBuys > 910 && afterSell - afterBuys < 920, "\(afterSell - afterBuys)")
        }
    }

    @Test func aRefusedOrderBooksNothing() async throws {
        try await withDemoServer { server in
            let refused = try await server.request("POST", "/api/orders", body: #"{"symbol":"EURUSD","side":"buy"}"#)
            #expect(refused.status == 400)
            let booked = try await pnl(server)
            #expect(booked == 0)
        }
    }
}
