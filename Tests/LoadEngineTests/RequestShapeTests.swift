import DemoTarget
import LoadEngine
import Testing
import TestSupport

/// What a load run sends, through both transports: method, headers and body arrive as given.
@Suite(.timeLimit(.minutes(2)))
struct RequestShapeTests {
    private func run(_ request: (String) -> RequestSpec, client: TransportKind) async throws -> RunResult {
        try await withDemoServer { server in
            let plan = LoadPlan(request: request(server.baseURL),
                                transport: TransportOptions(connections: 2, threads: 1, kind: client),
                                model: .open(.constant(rate: 20, duration: .seconds(1)), maxInFlight: 100))
            return try await LoadRun(plan: plan).execute()
        }
    }

    @Test(arguments: clients)
    func postCarriesItsHeadersAndBody(client: TransportKind) async throws {
        let body = Array(#"{"symbol":"EURUSD","side":"buy","quantity":100}"#.utf8)
        let result = try await run({ RequestSpec(url: $0 + "/api/orders", method: "POST",
                                                 headers: ["Content-Type: application/json"], body: body) }, client: client)
        // The demo target validates the order: a body lost or cut on the way would be a 400.
        #expect(result.statusCounts == [201: 20], "\(result.statusCounts) \(result.errors)")
    }

    /// A method in upper case is kept; any other is upper-cased, beyond ASCII too.
    @Test(arguments: [("GET", "GET"), ("PATCH", "PATCH"), ("post", "POST"), ("Delete", "DELETE"), ("x-é", "X-É"),
                      ("ÉTÉ", "ÉTÉ"), ("A{b", "A{B")])
    func methodIsSentInUpperCase(given: String, sent: String) {
        #expect(RequestSpec(url: "http://127.0.0.1:9/", method: given).method == sent)
    }

    @Test(arguments: clients)
    func headGetsNoBodyAndKeepsTheConnection(client: TransportKind) async throws {
        let result = try await run({ RequestSpec(url: $0 + "/healthz", method: "HEAD") }, client: client)
        #expect(result.statusCounts == [200: 20], "\(result.errors)")
        #expect(result.bytesReceived == 0)
        #expect(result.percentiles(.connect).count <= 2)
    }

    @Test(arguments: clients)
    func otherMethodsAreSentAsWritten(client: TransportKind) async throws {
        let result = try await run({ RequestSpec(url: $0 + "/api/orders/ord-1", method: "DELETE") }, client: client)
        // No order was placed on this server: the route answers DELETE with 404, not 405.
        #expect(result.statusCounts == [404: 20], "\(result.statusCounts)")
    }
}
