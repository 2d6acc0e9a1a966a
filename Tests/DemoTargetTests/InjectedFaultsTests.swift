import DemoTarget
import Foundation
import Testing
import TestSupport

@Suite("Injected faults")
struct InjectedFaultsTests {
    @Test func statusParameterSetsTheResponseStatus() async throws {
        try await withDemoServer { server in
            let response = try await server.get("/api/prices/EURUSD?status=503")
            #expect(response.status == 503)
            #expect(try jsonObject(response)["status"] as? Int == 503)
        }
    }

    @Test func statusWithoutABodyIsSentWithoutOne() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            try await connection.send(
                DemoServer.wireRequest("/healthz?status=204") + DemoServer.wireRequest("/healthz"))
            let noContent = try await connection.readResponse()
            #expect(noContent.status == 204)
            #expect(noContent.body.isEmpty)
            #expect(try await connection.readResponse().status == 200)
        }
    }

    @Test func delayParameterHoldsTheResponse() async throws {
        try await withDemoServer { server in
            let clock = ContinuousClock()
            let started = clock.now
            let response = try await server.get("/healthz?delay=100ms")
            #expect(response.status == 200)
            #expect(clock.now - started >= .milliseconds(100))
        }
    }

    @Test func percentEncodedDelayIsDecoded() async throws {
        try await withDemoServer { server in
            let clock = ContinuousClock()
            let started = clock.now
            let response = try await server.get("/healthz?delay=1%30%30ms")
            #expect(response.status == 200)
            #expect(clock.now - started >= .milliseconds(100))
        }
    }

    @Test func configuredLatencyDelaysEveryRoutedResponse() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, latency: .milliseconds(120))) { server in
            let clock = ContinuousClock()
            for path in ["/healthz", "/api/signals"] {
                let started = clock.now
                let response = try await server.get(path)
                #expect(response.status == 200)
                #expect(clock.now - started >= .milliseconds(120))
            }
        }
    }

    @Test(.tags(.timing)) func jitterStaysWithinItsBound() async throws {
        let configuration = DemoTargetConfiguration(port: 0, latency: .milliseconds(20), jitter: .milliseconds(30))
        try await withDemoServer(configuration) { server in
            let clock = ContinuousClock()
            let started = clock.now
            let response = try await server.get("/healthz")
            let elapsed = clock.now - started
            #expect(response.status == 200)
            // At least the latency (jitter never takes from it); under 1 s: jitter applied as
            // seconds, or unbounded, misses it, while a loaded machine adds tens of ms.
            #expect(elapsed >= .milliseconds(20))
            #expect(elapsed < .milliseconds(1_000))
        }
    }

    @Test(.tags(.timing)) func stallHoldsResponsesUntilWindowEnds() async throws {
        let clock = ContinuousClock()
        let beforeStart = clock.now
        let configuration = DemoTargetConfiguration(port: 0, stallEvery: .seconds(2), stallFor: .seconds(1))
        try await withDemoServer(configuration) { server in
            // The server started between these two instants, so its first stall is [2 s, 3 s) after one of
            // them; the margins leave room for a loaded machine.
            let afterStart = clock.now
            try #require(afterStart - beforeStart < .milliseconds(800), "start too slow to aim inside the window")

            let early = try await server.get("/healthz")
            #expect(early.status == 200)
            #expect(clock.now - afterStart < .milliseconds(1_500), "nothing is held before the first period")

            try await Task.sleep(until: afterStart + .milliseconds(2_100), clock: clock)
            let sent = clock.now
            let held = try await server.get("/healthz")
            #expect(held.status == 200)
            #expect(clock.now - beforeStart >= .seconds(3), "released no earlier than the window's end")
            #expect(clock.now - sent >= .milliseconds(100), "held rather than answered at once")
        }
    }

    @Test func errorRateOfOneFailsEveryRoutedRequest() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, errorRate: 1)) { server in
            for path in ["/healthz", "/api/prices/EURUSD", "/api/signals"] {
                let response = try await server.get(path)
                #expect(response.status == 500)
                #expect(try jsonObject(response)["error"] as? String == "injected failure")
            }
        }
    }

    @Test func faultsLeaveUnknownPathsAlone() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, errorRate: 1)) { server in
            let response = try await server.get("/nothing")
            #expect(response.status == 404)
        }
    }

    @Test func closeMidSendsFewerBytesThanAnnouncedThenCloses() async throws {
        try await withDemoServer { server in
            let connection = try LoopbackConnection(port: server.port)
            try await connection.send(DemoServer.wireRequest("/healthz?close=mid"))
            let received = try await connection.readToEnd()
            let text = String(decoding: received, as: UTF8.self)
            let parts = text.components(separatedBy: "\r\n\r\n")
            #expect(parts.first?.contains("content-length: 1000") == true)
            #expect(parts.count == 2)
            #expect((parts.last?.utf8.count ?? 1_000) < 1_000)
            #expect(server.requestsServed == 1)
        }
    }

    @Test func sizePadsTheBodyToTheRequestedBytes() async throws {
        try await withDemoServer { server in
            let response = try await server.get("/healthz?size=4096")
            #expect(response.body.count == 4096)
            #expect(try jsonObject(response)["status"] as? String == "ok")
        }
    }

    @Test(arguments: [
        ("delay=abc", "delay"), ("status=99", "status"), ("status=600", "status"), ("size=-1", "size"),
        ("close=later", "close"), ("delay=1e30", "delay"), ("delay=99999999999h", "delay"),
    ])
    func badQueryValueIsRejectedNamingTheParameter(_ query: String, _ parameter: String) async throws {
        try await withDemoServer { server in
            let response = try await server.get("/healthz?\(query)")
            #expect(response.status == 400)
            let message = try #require(try jsonObject(response)["error"] as? String)
            #expect(message.contains(parameter))
            #expect(message.contains(String(query.split(separator: "=")[1])))
        }
    }
}
