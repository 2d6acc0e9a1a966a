import DemoTarget
import Testing

@Suite("Connections")
struct ConnectionTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            for _ in 0..<3 {
                try connection.send(DemoServer.wireRequest("/healthz"))
                #expect(try connection.readResponse().status == 200)
            }
            #expect(!connection.reachedEnd)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrderEvenWhenTheFirstIsDelayed() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            try connection.send(
                DemoServer.wireRequest("/healthz?delay=100ms") + DemoServer.wireRequest("/nothing")
                    + DemoServer.wireRequest("/api/prices/GBPUSD"))
            #expect(try connection.readResponse().status == 200)
            #expect(try connection.readResponse().status == 404)
            #expect(try jsonObject(try connection.readResponse())["symbol"] as? String == "GBPUSD")
        }
    }

    @Test func largeBodyToAnUnknownPathLeavesTheConnectionUsable() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            let body = String(repeating: "x", count: 1_000_000)
            try connection.send(DemoServer.wireRequest("/nothing", method: "POST", body: body))
            #expect(try connection.readResponse().status == 404)
            try connection.send(DemoServer.wireRequest("/healthz"))
            #expect(try connection.readResponse().status == 200)
        }
    }

    @Test func connectionCloseIsHonouredAfterTheResponse() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            try connection.send(DemoServer.wireRequest("/healthz", closing: true))
            let response = try connection.readResponse()
            #expect(response.headers["connection"] == "close")
            #expect(try connection.readToEnd().isEmpty)
            #expect(connection.reachedEnd)
        }
    }

    @Test func http10ClientsAreAnsweredAndDisconnected() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            try connection.send("GET /healthz HTTP/1.0\r\n\r\n")
            #expect(try connection.readResponse().status == 200)
            _ = try connection.readToEnd()
            #expect(connection.reachedEnd)
        }
    }
}
