import DemoTarget
import Foundation
import LoadEngine
import Testing
import TestSupport

/// Scenario steps on perfkit's own HTTP/1.1 client: what an awaiting task gets back from the
/// demo target and from servers that misbehave.
@Suite(.timeLimit(.minutes(1)))
struct NativeExchangeTransportTests {
    private func withTransport<T>(to url: String, connections: Int = 4, threads: Int = 1, timeout: Duration = .seconds(5),
                                  _ body: (NativeExchangeTransport) async throws -> T) async throws -> T {
        let transport = try NativeExchangeTransport(
            options: TransportOptions(connections: connections, threads: threads, timeout: timeout), url: url)
        let value = try await body(transport)
        await transport.close()
        return value
    }

    private func withHostile<T>(_ script: [HostileServer.Step], timeout: Duration = .seconds(5),
                                _ body: (HostileServer, NativeExchangeTransport) async throws -> T) async throws -> T {
        let server = try HostileServer(script)
        defer { server.stop() }
        return try await withTransport(to: server.baseURL, connections: 1, timeout: timeout) { try await body(server, $0) }
    }

    @Test func responseCarriesStatusHeadersAndTheBodyAskedFor() async throws {
        try await withDemoServer { server in
            try await withTransport(to: server.baseURL) { transport in
                let exchange = await transport.send(RequestSpec(url: server.baseURL + "/api/prices/EURUSD"))
                #expect(exchange.ending == .response)
                #expect(exchange.status == 200)
                #expect(exchange.header("CONTENT-TYPE")?.hasPrefix("application/json") == true)
                let json = try JSONSerialization.jsonObject(with: Data(exchange.body)) as? [String: Any]
                #expect(json?["symbol"] as? String == "EURUSD")
                #expect(exchange.bytesReceived == Int64(exchange.body.count))
                #expect(exchange.completedNanoseconds > exchange.sentNanoseconds)
                #expect(exchange.phases.connect != nil)
            }
        }
    }

    /// Threads showed the name of the dispatch thread that started them (see `NamedThread`).
    @Test func itsThreadsCarryTheirNamesWhereTopAndPerfReadThem() async throws {
        try await withDemoServer { server in
            try await withTransport(to: server.baseURL, threads: 2) { transport in
                #expect(await transport.send(RequestSpec(url: server.baseURL + "/healthz")).status == 200)
                let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
                let names = Set(tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
                    .map { $0.trimmingCharacters(in: .newlines) })
                #expect(names.isSuperset(of: ["pk-native-0", "pk-native-1"]), "\(names.sorted())")
            }
        }
    }

    @Test func bodyIsCountedButNotKeptWhenNoStepReadsIt() async throws {
        try await withDemoServer { server in
            try await withTransport(to: server.baseURL) { transport in
                let exchange = await transport.send(RequestSpec(url: server.baseURL + "/api/prices/EURUSD"), keeping: .headers)
                #expect(exchange.status == 200)
                #expect(exchange.body.isEmpty)
                #expect(exchange.bytesReceived > 0)
                #expect(exchange.header("content-type") == "application/json")
            }
        }
    }

    @Test func headerFieldsAreKeptOnlyWhenAStepReadsThem() async throws {
        try await withDemoServer { server in
            try await withTransport(to: server.baseURL, connections: 1) { transport in
                let url = server.baseURL + "/api/prices/EURUSD"
                let bodyOnly = await transport.send(RequestSpec(url: url), keeping: .body)
                #expect(bodyOnly.status == 200)
                #expect(bodyOnly.headers.isEmpty)
                #expect(bodyOnly.body.starts(with: Array(#"{"symbol":"EURUSD""#.utf8)))
                // The same connection, asked for the fields again, keeps them.
                let both = await transport.send(RequestSpec(url: url), keeping: .all)
                #expect(both.header("content-type") == "application/json")
                #expect(!both.body.isEmpty)
            }
        }
    }

    @Test func oneConnectionCarriesDifferentMethodsInTurn() async throws {
        try await withDemoServer { server in
            try await withTransport(to: server.baseURL, connections: 1) { transport in
                let posted = await transport.send(RequestSpec(url: server.baseURL + "/api/orders", method: "POST",
                                                              headers: ["Content-Type: application/json"],
                                                              body: Array(#"{"symbol":"EURUSD","side":"buy","quantity":100}"#.utf8)))
                #expect(posted.status == 201, "\(String(decoding: posted.body, as: UTF8.self))")
                let location = try #require(posted.header("location"))
                #expect(location.hasPrefix("/api/orders/ord-"))
                let order = await transport.send(RequestSpec(url: server.baseURL + location))
                #expect(order.status == 200)
                #expect(order.phases.connect == nil, "the order went on the POST's kept-alive connection")
                await expectHeadGetAndDeleteInTurn(transport, baseURL: server.baseURL)
            }
        }
    }

    @Test func requestsBeyondTheConnectionsWaitTheirTurnAndEachGetsItsOwnAnswer() async throws {
        try await withDemoServer { server in
            try await withTransport(to: server.baseURL, connections: 8, threads: 2) { transport in
                await expectEveryConcurrentTaskGetsItsOwnAnswer(transport, baseURL: server.baseURL)
            }
        }
    }

    @Test func headerNamesKeepTheServersSpellingAndValuesAreTrimmed() async throws {
        try await withHostile([.send("HTTP/1.1 200 OK\r\nX-Mixed-Case: \t padded \t\r\nContent-Length: 2\r\n\r\nok")]) { server, transport in
            let exchange = await transport.send(RequestSpec(url: server.baseURL + "/"))
            #expect(exchange.headers.first?.name == "X-Mixed-Case")
            #expect(exchange.header("x-mixed-case") == "padded")
            #expect(exchange.body == Array("ok".utf8))
        }
    }

    @Test(arguments: [
        [HostileServer.Step.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: 1\r\n\r\n")],
        [.send("HTTP/1.0 200 OK\r\n\r\nabcde"), .close],
        [.drip("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde", every: .milliseconds(1))],
    ])
    func bodyIsKeptWhateverItsFraming(script: [HostileServer.Step]) async throws {
        try await withHostile(script) { server, transport in
            let exchange = await transport.send(RequestSpec(url: server.baseURL + "/"))
            #expect(exchange.ending == .response)
            #expect(exchange.body == Array("abcde".utf8))
            #expect(exchange.bytesReceived == 5)
        }
    }

    @Test func interimContinueIsSkippedForTheFinalResponse() async throws {
        let response = "HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 4\r\n\r\ndone"
        try await withHostile([.send(response)]) { server, transport in
            let exchange = await transport.send(RequestSpec(url: server.baseURL + "/", method: "POST", body: Array("x".utf8)))
            #expect(exchange.status == 202)
            #expect(exchange.header("x-interim") == nil)
            #expect(exchange.body == Array("done".utf8))
        }
    }

    @Test func bodyBeyondTheCapIsCountedButNotKept() async throws {
        let length = HTTPExchange.maxKeptBodyBytes + 10_000
        let response = "HTTP/1.1 200 OK\r\nContent-Length: \(length)\r\n\r\n" + String(repeating: "a", count: length)
        try await withHostile([.send(response)]) { server, transport in
            let exchange = await transport.send(RequestSpec(url: server.baseURL + "/"))
            #expect(exchange.ending == .response)
            #expect(exchange.body.count == HTTPExchange.maxKeptBodyBytes)
            #expect(exchange.bytesReceived == Int64(length))
        }
    }

    @Test(arguments: [
        ([HostileServer.Step.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc"), .close], ErrorKind.reset),
        ([.send("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n")], .protocolError),
        ([.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc")], .protocolError),
        ([.pause(.seconds(3))], .timeout),
    ])
    func misbehavingServerEndsInAFailureOfItsKind(script: [HostileServer.Step], kind: ErrorKind) async throws {
        try await withHostile(script, timeout: .milliseconds(300)) { server, transport in
            let exchange = await transport.send(RequestSpec(url: server.baseURL + "/"))
            #expect(exchange.ending == .failed(kind))
            #expect(exchange.status == 0)
        }
    }

    @Test func connectionTheServerClosedWhileIdleIsReplacedByANewOne() async throws {
        try await withHostile([.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), .close]) { server, transport in
            let first = await transport.send(RequestSpec(url: server.baseURL + "/"))
            // Let the close arrive, so the next request finds the connection gone.
            try await Task.sleep(for: .milliseconds(100))
            let second = await transport.send(RequestSpec(url: server.baseURL + "/"))
            #expect(first.status == 200)
            #expect(second.status == 200)
            #expect(second.body == Array("ok".utf8))
        }
    }

    @Test func refusedConnectionEndsAsAFailureOfThatKind() async throws {
        let url = "http://127.0.0.1:\(unusedLoopbackPort())"
        try await withTransport(to: url) { transport in
            #expect(await transport.send(RequestSpec(url: url + "/")).ending == .failed(.refused))
        }
    }

    @Test func requestToAnotherOriginIsRefusedUnsent() async throws {
        try await withHostile([.send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")]) { server, transport in
            let exchange = await transport.send(RequestSpec(url: "http://127.0.0.2:\(server.port)/"))
            #expect(exchange.ending == .failed(.other))
            #expect(await transport.send(RequestSpec(url: server.baseURL + "/")).status == 200)
        }
    }

    @Test func closingAbandoningAnswersRequestsInFlightAndLaterOnes() async throws {
        let server = try HostileServer([.pause(.seconds(20))])
        defer { server.stop() }
        let transport = try NativeExchangeTransport(options: TransportOptions(connections: 1, timeout: .seconds(30)),
                                                    url: server.baseURL)
        async let slow = transport.send(RequestSpec(url: server.baseURL + "/"))
        async let queued = transport.send(RequestSpec(url: server.baseURL + "/"))
        try await Task.sleep(for: .milliseconds(200))
        await transport.close(abandoning: true)
        #expect(await slow.ending == .abandoned)
        #expect(await queued.ending == .abandoned)
        #expect(await transport.send(RequestSpec(url: server.baseURL + "/")).ending == .abandoned)
    }

    @Test func onlyHTTPAndHTTPSAreAccepted() {
        #expect(throws: TransportError.nativeNeedsHTTP(url: "ftp://127.0.0.1:1")) {
            try NativeExchangeTransport(options: TransportOptions(connections: 1), url: "ftp://127.0.0.1:1")
        }
    }
}
