import DemoTarget

/// Runs `body` against a fresh server on a free port, and shuts the server down whatever happens.
func withDemoServer(
    _ configuration: DemoTargetConfiguration = DemoTargetConfiguration(port: 0),
    _ body: (DemoServer) async throws -> Void
) async throws {
    try await DemoServer.withServer(configuration, body)
}

extension DemoServer {
    /// Sends `GET target` on a new connection and reads the response.
    func get(_ target: String) async throws -> WireResponse {
        try await request("GET", target)
    }

    /// Sends one request on a new connection and reads the response.
    func request(_ method: String, _ target: String, body: String = "") async throws -> WireResponse {
        let connection = try LoopbackConnection(port: port)
        try await connection.send(Self.wireRequest(target, method: method, body: body, closing: true))
        return try await connection.readResponse(bodyless: method == "HEAD")
    }

    /// The bytes of one HTTP/1.1 request.
    static func wireRequest(_ target: String, method: String = "GET", body: String = "", closing: Bool = false)
        -> String
    {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if !body.isEmpty || method == "POST" { text += "Content-Length: \(body.utf8.count)\r\n" }
        if closing { text += "Connection: close\r\n" }
        return text + "\r\n" + body
    }
}

extension LoopbackConnection {
    /// Sends one request on this connection, leaving it open, and reads the response.
    func exchange(_ method: String, _ target: String, body: String = "") async throws -> WireResponse {
        try await send(DemoServer.wireRequest(target, method: method, body: body))
        return try await readResponse(bodyless: method == "HEAD")
    }
}

/// A valid `POST /api/orders` body for 1000 EURUSD, with `extra` fields such as `"signal_id":"sig-1"` added.
func orderBody(side: String = "buy", _ extra: String = "") -> String {
    #"{"symbol":"EURUSD","side":"\#(side)","quantity":1000\#(extra.isEmpty ? "" : "," + extra)}"#
}
