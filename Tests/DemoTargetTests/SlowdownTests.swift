import DemoTarget
import Testing

/// A slowdown set while serving multiplies the configured latency from the next request on (the
/// canary's shared fault); `PUT /control/slowdown` sets it from outside when control is enabled.
@Suite struct SlowdownTests {
    @Test func aSlowdownMultipliesTheConfiguredLatency() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, latency: .milliseconds(100))) { server in
            let clock = ContinuousClock()
            try server.setSlowdown(2)
            #expect(server.slowdown == 2)
            let started = clock.now
            let response = try await server.get("/healthz")
            #expect(response.status == 200)
            // A lower bound only: it catches a slowdown that is ignored, whatever the machine's load.
            #expect(clock.now - started >= .milliseconds(200))
        }
    }

    @Test func aSlowdownOutOfRangeIsRefused() async throws {
        try await withDemoServer { server in
            #expect(throws: DemoTargetError.self) { try server.setSlowdown(-1) }
            #expect(throws: DemoTargetError.self) { try server.setSlowdown(.nan) }
            #expect(server.slowdown == 1)
        }
    }

    @Test func controlSetsTheSlowdownOnlyWhenEnabled() async throws {
        try await withDemoServer { server in
            let refused = try await server.request("PUT", "/control/slowdown", body: "1.5")
            #expect(refused.status == 404)
            #expect(server.slowdown == 1)
        }
        try await withDemoServer(DemoTargetConfiguration(port: 0, acceptsControl: true)) { server in
            let set = try await server.request("PUT", "/control/slowdown", body: "1.5")
            #expect(set.status == 200)
            #expect(set.text == #"{"slowdown":1.5000}"#)
            #expect(server.slowdown == 1.5)
            let bad = try await server.request("PUT", "/control/slowdown", body: "fast")
            #expect(bad.status == 400)
        }
    }
}
