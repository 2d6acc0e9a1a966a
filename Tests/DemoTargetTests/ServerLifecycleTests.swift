import DemoTarget
import Testing

@Suite("Server lifecycle")
struct ServerLifecycleTests {
    @Test func portZeroBindsAFreePort() async throws {
        try await withDemoServer { server in
            #expect(server.port > 0)
            #expect(server.host == "127.0.0.1")
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        }
    }

    @Test func shutdownIsIdempotentAndStopsListening() async throws {
        let server = try await DemoServer.start(DemoTargetConfiguration(port: 0))
        #expect(try await server.get("/healthz").status == 200)
        async let first: Void = server.shutdown()
        async let second: Void = server.shutdown()
        _ = try await (first, second)
        try await server.shutdown()
        #expect(throws: LoopbackError.self) { try LoopbackConnection(port: server.port) }
    }

    @Test func twoServersRunSideBySide() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, version: "blue")) { blue in
            try await withDemoServer(DemoTargetConfiguration(port: 0, version: "green")) { green in
                let blueHealth = try jsonObject(try await blue.get("/healthz"))
                let greenHealth = try jsonObject(try await green.get("/healthz"))
                #expect(blue.port != green.port)
                #expect(blueHealth["version"] as? String == "blue")
                #expect(greenHealth["version"] as? String == "green")
            }
        }
    }

    @Test func bindingATakenPortFailsNamingHostAndPort() async throws {
        try await withDemoServer { server in
            let error = await #expect(throws: DemoTargetError.self) {
                try await DemoServer.start(DemoTargetConfiguration(port: server.port))
            }
            guard case .bindFailed(let host, let port, let reason) = error else {
                Issue.record("expected bindFailed, got \(String(describing: error))")
                return
            }
            #expect(host == "127.0.0.1" && port == server.port)
            #expect(!reason.isEmpty)
            #expect(error?.description.contains("127.0.0.1:\(server.port)") == true)
        }
    }

    @Test func stallAsLongAsItsPeriodIsRejected() async throws {
        let configuration = DemoTargetConfiguration(port: 0, stallEvery: .seconds(1), stallFor: .seconds(1))
        let error = await #expect(throws: DemoTargetError.self) { try await DemoServer.start(configuration) }
        guard case .invalidConfiguration(let setting, _, _) = error else {
            Issue.record("expected invalidConfiguration, got \(String(describing: error))")
            return
        }
        #expect(setting == "stallFor")
    }

    @Test func errorRateAboveOneIsRejected() async throws {
        let error = await #expect(throws: DemoTargetError.self) {
            try await DemoServer.start(DemoTargetConfiguration(port: 0, errorRate: 1.5))
        }
        #expect(error?.description.contains("errorRate") == true)
    }

    @Test(arguments: [
        (DemoTargetConfiguration(port: 0, fillAfter: .milliseconds(-1)), "fillAfter"),
        (DemoTargetConfiguration(port: 0, orderCapacity: 0), "orderCapacity"),
        (DemoTargetConfiguration(port: 0, signalCapacity: -1), "signalCapacity"),
    ])
    func tradingSettingOutOfRangeIsRejectedNamingIt(_ configuration: DemoTargetConfiguration, _ setting: String)
        async throws
    {
        let error = await #expect(throws: DemoTargetError.self) { try await DemoServer.start(configuration) }
        guard case .invalidConfiguration(let rejected, _, _) = error else {
            Issue.record("expected invalidConfiguration, got \(String(describing: error))")
            return
        }
        #expect(rejected == setting)
    }

    @Test func requestsServedCountsEveryResponse() async throws {
        try await withDemoServer { server in
            _ = try await server.get("/healthz")
            _ = try await server.get("/nothing")
            _ = try await server.get("/healthz?status=500")
            #expect(server.requestsServed == 3)
        }
    }
}
