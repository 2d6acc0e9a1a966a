import DemoTarget
import Foundation
import LoadEngine
import Testing
import TestSupport

/// Requests sent one at a time by awaiting tasks, as scenario steps send them.
struct AsyncTransportTests {
    private func withTransport<T>(connections: Int = 4, threads: Int = 2, timeout: Duration = .seconds(5),
                                  _ body: (DemoServer, AsyncTransport) async throws -> T) async throws -> T {
        try await withDemoServer { server in
            let transport = try AsyncTransport(
                options: TransportOptions(connections: connections, threads: threads, timeout: timeout), url: server.baseURL)
            let value = try await body(server, transport)
            await transport.close()
            return value
        }
    }

    @Test func responseCarriesStatusHeadersAndBody() async throws {
        try await withTransport { server, transport in
            let exchange = await transport.send(RequestSpec(url: server.baseURL + "/api/prices/EURUSD"))
            #expect(exchange.ending == .response)
            #expect(exchange.status == 200)
            #expect(exchange.header("content-type")?.hasPrefix("application/json") == true)
            let json = try JSONSerialization.jsonObject(with: Data(exchange.body)) as? [String: Any]
            #expect(json?["symbol"] as? String == "EURUSD")
            #expect(exchange.bytesReceived == Int64(exchange.body.count))
            #expect(exchange.completedNanoseconds >= exchange.sentNanoseconds)
        }
    }

    @Test func oneHandleCarriesDifferentMethodsInTurn() async throws {
        try await withTransport(connections: 1, threads: 1) { server, transport in
            let posted = await transport.send(RequestSpec(url: server.baseURL + "/api/orders", method: "POST",
                                                          headers: ["Content-Type: application/json"],
                                                          body: Array(#"{"symbol":"EURUSD","side":"buy","quantity":100}"#.utf8)))
            #expect((200..<300).contains(posted.status), "\(String(decoding: posted.body, as: UTF8.self))")
            // Values come without the line's CR LF, ready to be used in the next request.
            let location = try #require(posted.header("location"))
            #expect(location.hasPrefix("/api/orders/ord-"))
            #expect(!location.contains("\r") && !location.hasSuffix(" "))
            // A GET after a POST and a HEAD on the same handle is a plain GET with a body again.
            await expectHeadGetAndDeleteInTurn(transport, baseURL: server.baseURL)
        }
    }

    @Test func manyConcurrentTasksAllGetTheirOwnAnswer() async throws {
        try await withTransport(connections: 8) { server, transport in
            await expectEveryConcurrentTaskGetsItsOwnAnswer(transport, baseURL: server.baseURL)
        }
    }

    @Test func refusedConnectionEndsAsAFailureOfThatKind() async throws {
        let port = unusedLoopbackPort()
        let transport = try AsyncTransport(options: TransportOptions(connections: 1, timeout: .seconds(2)),
                                           url: "http://127.0.0.1:\(port)")
        let exchange = await transport.send(RequestSpec(url: "http://127.0.0.1:\(port)/"))
        await transport.close()
        #expect(exchange.ending == .failed(.refused))
        #expect(exchange.status == 0)
    }

    @Test func timeoutEndsAsATimeout() async throws {
        try await withTransport(timeout: .milliseconds(200)) { server, transport in
            let exchange = await transport.send(RequestSpec(url: server.baseURL + "/healthz?delay=2s"))
            #expect(exchange.ending == .failed(.timeout))
        }
    }

    @Test(.tags(.timing)) func closingAbandoningAnswersRequestsInFlightAtOnce() async throws {
        try await withDemoServer { server in
            let transport = try AsyncTransport(options: TransportOptions(connections: 2, timeout: .seconds(30)),
                                               url: server.baseURL)
            let clock = ContinuousClock()
            let began = clock.now
            async let slow = transport.send(RequestSpec(url: server.baseURL + "/healthz?delay=20s"))
            try await Task.sleep(for: .milliseconds(200))
            await transport.close(abandoning: true)
            #expect(await slow.ending == .abandoned)
            // The response is held 20 s: a close that waits for it instead of abandoning it fails.
            #expect(clock.now - began < .seconds(5))
            // Once closed, a request is answered at once as abandoned instead of hanging.
            #expect(await transport.send(RequestSpec(url: server.baseURL + "/healthz")).ending == .abandoned)
        }
    }

    @Test func recorderCountsWhatTheCallerJudged() async throws {
        try await withTransport { server, transport in
            let start = ExchangeRecorder.now()
            let recorder = ExchangeRecorder(startNanoseconds: start)
            for status in [200, 200, 404] {
                let intended = ExchangeRecorder.now()
                let exchange = await transport.send(RequestSpec(url: server.baseURL + "/healthz?status=\(status)"))
                recorder.record(exchange, intendedNanoseconds: intended, failure: status == 404 ? .check : nil)
            }
            recorder.recordDropped()
            let measured = recorder.measurements(startedAt: Date(), sendingEndedNanoseconds: ExchangeRecorder.now())
            #expect(measured.sent == 3)
            #expect(measured.responses == 3)
            #expect(measured.completed == 3)
            #expect(measured.failures == 1)
            #expect(measured.errors[.check] == 1)
            #expect(measured.dropped == 1)
            #expect(measured.statusCounts == [200: 2, 404: 1])
            #expect(measured.percentiles(.latency).count == 3)
            #expect(measured.series.reduce(0) { $0 + $1.requests } == 3)
        }
    }
}
