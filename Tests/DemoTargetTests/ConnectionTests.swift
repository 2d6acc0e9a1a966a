import DemoTarget
import Testing

@Suite("Connections")
struct ConnectionTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            for _ in 0..<3 {
                try await connection.send(DemoServer.wireRequest("/healthz"))
                #expect(try await connection.readResponse().status == 200)
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrderEvenWhenTheFirstIsDelayed() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            try await connection.send(
                DemoServer.wireRequest("/healthz?delay=100ms") + DemoServer.wireRequest("/nothing")
                    + DemoServer.wireRequest("/api/prices/GBPUSD"))
            #expect(try await connection.readResponse().status == 200)
            #expect(try await connection.readResponse().status == 404)
            #expect(try jsonObject(try await connection.readResponse())["symbol"] as? String == "GBPUSD")
        }
    }

    @Test func largeBodyToAnUnknownPathLeavesTheConnectionUsable() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            let body = String(repeating: "x", count: 1_000_000)
            try await connection.send(DemoServer.wireRequest("/nothing", method: "POST", body: body))
            #expect(try await connection.readResponse().status == 404)
            try await connection.send(DemoServer.wireRequest("/healthz"))
            #expect(try await connection.readResponse().status == 200)
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBodyIsSent() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            let body = orderBody()
            try await connection.send(
                "POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n"
                    + "Expect: 100-continue\r\n\r\n")
            #expect(try await connection.readResponse().status == 100)
            try await connection.send(body)
            #expect(try await connection.readResponse().status == 201)
        }
    }

    @Test func http10KeepAliveIsHonoured() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            for _ in 0..<2 {
                try await connection.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let response = try await connection.readResponse()
                #expect(response.status == 200)
                #expect(response.headers["connection"] == "keep-alive")
            }
        }
    }

    @Test func connectionCloseIsHonouredAfterTheResponse() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            try await connection.send(DemoServer.wireRequest("/healthz", closing: true))
            let response = try await connection.readResponse()
            #expect(response.headers["connection"] == "close")
            #expect(try await connection.readToEnd().isEmpty)
        }
    }

    @Test func http10ClientsAreAnsweredAndDisconnected() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            try await connection.send("GET /healthz HTTP/1.0\r\n\r\n")
            #expect(try await connection.readResponse().status == 200)
            #expect(try await connection.readToEnd().isEmpty, "closed right after the response")
        }
    }
}
