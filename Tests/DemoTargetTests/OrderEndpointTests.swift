import DemoTarget
import Foundation
import Testing
import TestSupport

@Suite("Order endpoints")
struct OrderEndpointTests {
    /// Long enough that no test reads an order filled by accident on a slow machine.
    static let neverFillsDuringATest = DemoTargetConfiguration(port: 0, fillAfter: .seconds(60))

    @Test(.tags(.timing)) func placedOrderIsNewUntilTheFillDelayHasPassedThenFilled() async throws {
        // A 2 s fill leaves a loaded machine 1.9 s to place and read the order before it fills.
        try await withDemoServer(DemoTargetConfiguration(port: 0, fillAfter: .seconds(2))) { server in
            let clock = ContinuousClock()
            let sent = clock.now
            let placed = try await server.request("POST", "/api/orders", body: orderBody(side: "sell"))
            #expect(placed.status == 201)
            #expect(placed.headers["location"] == "/api/orders/ord-1")
            let order = try jsonObject(placed)
            #expect(order["id"] as? String == "ord-1")
            #expect(order["status"] as? String == "new")
            #expect(order["symbol"] as? String == "EURUSD")
            #expect(order["side"] as? String == "sell")
            #expect(order["quantity"] as? Int == 1000)
            #expect(order["signal_id"] == nil && order["filled_at"] == nil)
            let createdAt = try #require(order["created_at"] as? Int)

            let early = try jsonObject(try await server.get("/api/orders/ord-1"))
            try #require(clock.now - sent < .milliseconds(1_900), "too slow to read the order before it fills")
            #expect(early["status"] as? String == "new")

            try await Task.sleep(until: sent + .milliseconds(2_100), clock: clock)
            let filled = try jsonObject(try await server.get("/api/orders/ord-1"))
            #expect(filled["status"] as? String == "filled")
            #expect(filled["filled_at"] as? Int == createdAt + 2_000)
        }
    }

    @Test func zeroFillDelayFillsTheOrderAsItIsPlaced() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, fillAfter: .zero)) { server in
            let placed = try await server.request("POST", "/api/orders", body: orderBody())
            #expect(placed.status == 201)
            #expect(try jsonObject(placed)["status"] as? String == "filled")
        }
    }

    @Test func orderFollowingASignalEchoesItAndItsLimitPrice() async throws {
        try await withDemoServer { server in
            let signal = try jsonObject(try await server.request("POST", "/api/signals", body: #"{"symbol":"EURUSD"}"#))
            let signalID = try #require(signal["id"] as? String)
            let placed = try await server.request(
                "POST", "/api/orders", body: orderBody(#""signal_id":"\#(signalID)","limit_price":1.0842"#))
            #expect(placed.status == 201)
            let order = try jsonObject(placed)
            #expect(order["signal_id"] as? String == signalID)
            #expect(order["limit_price"] as? Double == 1.0842)
            #expect(placed.text.contains(#""limit_price":1.0842,"#))
        }
    }

    @Test(arguments: [
        (#"{"side":"buy","quantity":1}"#, "symbol"), (#"{"symbol":"EUR/USD","side":"buy","quantity":1}"#, "symbol"),
        (#"{"symbol":"EURUSD","quantity":1}"#, "side"), (#"{"symbol":"EURUSD","side":"hold","quantity":1}"#, "side"),
        (#"{"symbol":"EURUSD","side":true,"quantity":1}"#, "side"), (#"{"symbol":"EURUSD","side":"buy"}"#, "quantity"),
        (orderBody().replacingOccurrences(of: "1000", with: "0"), "quantity"),
        (orderBody().replacingOccurrences(of: "1000", with: "-5"), "quantity"),
        (orderBody().replacingOccurrences(of: "1000", with: "1.5"), "quantity"),
        (orderBody().replacingOccurrences(of: "1000", with: #""1000""#), "quantity"),
        (orderBody().replacingOccurrences(of: "1000", with: "1e12"), "quantity"),
        (orderBody(#""signal_id":"signal-1""#), "signal_id"), (orderBody(#""signal_id":5"#), "signal_id"),
        (orderBody(#""limit_price":0"#), "limit_price"), (orderBody(#""limit_price":"1.08""#), "limit_price"),
    ])
    func badOrderFieldIsRejectedNamingIt(_ body: String, _ field: String) async throws {
        try await withDemoServer { server in
            let response = try await server.request("POST", "/api/orders", body: body)
            #expect(response.status == 400)
            let json = try jsonObject(response)
            #expect(json["field"] as? String == field)
            #expect((json["error"] as? String)?.contains(field) == true, "\(json)")
            #expect(try await server.get("/api/orders/ord-1").status == 404, "a refused order is not placed")
        }
    }

    @Test(arguments: ["", "{", "[]", #""EURUSD""#])
    func bodyThatIsNotAJSONObjectIsRejectedWithAnExample(_ body: String) async throws {
        try await withDemoServer { server in
            let response = try await server.request("POST", "/api/orders", body: body)
            #expect(response.status == 400)
            let message = try #require(try jsonObject(response)["error"] as? String)
            #expect(message.contains("JSON object"))
            #expect(message.contains(#"{"symbol":"EURUSD","side":"buy","quantity":1000}"#))
        }
    }

    @Test(arguments: [("sig-999", "unknown signal_id"), ("sig-2", "GBPUSD")])
    func orderFollowingASignalThatDoesNotFitIsUnprocessable(_ signalID: String, _ message: String) async throws {
        try await withDemoServer { server in
            let body = orderBody(#""signal_id":"\#(signalID)""#)
            let response = try await server.request("POST", "/api/orders", body: body)
            #expect(response.status == 422)
            let json = try jsonObject(response)
            #expect(json["field"] as? String == "signal_id")
            #expect((json["error"] as? String)?.contains(message) == true, "\(json)")
        }
    }

    @Test func cancellingANewOrderCancelsItAndRepeatingTheCancelChangesNothing() async throws {
        try await withDemoServer(Self.neverFillsDuringATest) { server in
            #expect(try await server.request("POST", "/api/orders", body: orderBody()).status == 201)
            let cancelled = try await server.request("DELETE", "/api/orders/ord-1")
            #expect(cancelled.status == 200)
            let order = try jsonObject(cancelled)
            #expect(order["status"] as? String == "cancelled")
            let cancelledAt = try #require(order["cancelled_at"] as? Int)

            let read = try jsonObject(try await server.get("/api/orders/ord-1"))
            #expect(read["status"] as? String == "cancelled")
            let again = try await server.request("DELETE", "/api/orders/ord-1")
            #expect(again.status == 200)
            #expect(try jsonObject(again)["cancelled_at"] as? Int == cancelledAt)
        }
    }

    @Test func cancellingAFilledOrderConflictsAndLeavesItFilled() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, fillAfter: .zero)) { server in
            #expect(try await server.request("POST", "/api/orders", body: orderBody()).status == 201)
            let refused = try await server.request("DELETE", "/api/orders/ord-1")
            #expect(refused.status == 409)
            let json = try jsonObject(refused)
            #expect((json["error"] as? String)?.contains("filled") == true)
            #expect(json["id"] as? String == "ord-1")
            #expect(try jsonObject(try await server.get("/api/orders/ord-1"))["status"] as? String == "filled")
        }
    }

    @Test(arguments: ["GET", "DELETE"], ["ord-2", "ord-0", "ord-01", "ord-", "sig-1", "order"])
    func unknownOrderIdIsNotFound(_ method: String, _ id: String) async throws {
        try await withDemoServer(Self.neverFillsDuringATest) { server in
            #expect(try await server.request("POST", "/api/orders", body: orderBody()).status == 201)
            let response = try await server.request(method, "/api/orders/\(id)")
            #expect(response.status == 404)
            let json = try jsonObject(response)
            #expect(json["error"] as? String == "order not found")
            #expect(json["id"] as? String == id)
        }
    }

    @Test func overriddenOrFailedRequestsPlaceAndCancelNothing() async throws {
        try await withDemoServer(Self.neverFillsDuringATest) { server in
            #expect(try await server.request("POST", "/api/orders?status=503", body: orderBody()).status == 503)
            #expect(try await server.request("POST", "/api/orders", body: orderBody()).status == 201)
            #expect(try await server.request("DELETE", "/api/orders/ord-1?status=500").status == 500)
            let order = try jsonObject(try await server.get("/api/orders/ord-1"))
            #expect(order["status"] as? String == "new", "the cancel that failed left the order standing")
        }
    }
}
