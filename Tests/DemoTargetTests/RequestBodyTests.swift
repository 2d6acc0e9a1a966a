import DemoTarget
import Testing

@Suite("Request bodies")
struct RequestBodyTests {
    @Test func bodyArrivingInSeveralWritesIsReadWhole() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            let body = orderBody()
            try await connection.send(
                "POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
            for piece in [body.prefix(5), body.dropFirst(5).prefix(20), body.dropFirst(25)] {
                try await Task.sleep(for: .milliseconds(20))
                try await connection.send(String(piece))
            }
            let placed = try await connection.readResponse()
            #expect(placed.status == 201, "\(placed.text)")
            #expect(try jsonObject(placed)["quantity"] as? Int == 1000)
        }
    }

    @Test func chunkedBodyIsReadWhole() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            let body = #"{"symbol":"USDJPY"}"#
            let chunks = [body.prefix(7), body.dropFirst(7)].map { "\(String($0.utf8.count, radix: 16))\r\n\($0)\r\n" }
            try await connection.send(
                "POST /api/signals HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunks.joined() + "0\r\n\r\n")
            let created = try await connection.readResponse()
            #expect(created.status == 201, "\(created.text)")
            #expect(try jsonObject(created)["symbol"] as? String == "USDJPY")
        }
    }

    @Test(arguments: ["/api/orders", "/api/signals"])
    func bodyOverOneMebibyteIsRefusedAndTheConnectionStaysUsable(_ path: String) async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            let padding = String(repeating: " ", count: 1 << 20)
            let refused = try await connection.exchange("POST", path, body: orderBody() + padding)
            #expect(refused.status == 413)
            #expect((try jsonObject(refused)["error"] as? String)?.contains("1048576") == true)
            #expect(try await connection.exchange("GET", "/healthz").status == 200)
        }
    }

    @Test func bodyOfExactlyOneMebibyteIsRead() async throws {
        try await withDemoServer { server in
            let body = orderBody()
            let padded = body + String(repeating: " ", count: (1 << 20) - body.utf8.count)
            let placed = try await server.request("POST", "/api/orders", body: padded)
            #expect(placed.status == 201)
        }
    }

    @Test func largeBodyToAnEndpointThatReadsNoneIsIgnored() async throws {
        try await withDemoServer { server in
            let body = String(repeating: "x", count: 2 << 20)
            let response = try await server.request("DELETE", "/api/orders/ord-1", body: body)
            #expect(response.status == 404)
        }
    }
}
