import DemoTarget
import LoadEngine
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(2)))
struct ClosedModelAndStopTests {
    @Test(arguments: clients) func closedModelKeepsEveryConnectionBusy(client: TransportKind) async throws {
        let result = try await withDemoServer { server in
            let plan = LoadPlan(request: RequestSpec(url: server.baseURL + "/healthz"),
                                transport: TransportOptions(connections: 4, threads: 1, kind: client),
                                model: .closed(duration: .seconds(1)))
            return try await LoadRun(plan: plan).execute()
        }
        // Every connection carried many requests over its one connect.
        #expect(result.responses > 40, "responses \(result.responses)")
        #expect(result.intendedRate == nil)
        #expect(result.dropped == 0)
        #expect(result.percentiles(.connect).count <= 4)
        // No schedule: latency is the service time.
        #expect(result.percentiles(.latency).p50 == result.percentiles(.serviceTime).p50)
    }

    @Test(.tags(.timing), arguments: clients) func stopEndsTheRunEarlyAndKeepsWhatWasMeasured(client: TransportKind) async throws {
        let result = try await withDemoServer { server in
            let plan = LoadPlan(request: RequestSpec(url: server.baseURL + "/healthz"),
                                transport: TransportOptions(connections: 4, threads: 2, kind: client),
                                model: .open(.constant(rate: 100, duration: .seconds(30)), maxInFlight: 1000))
            let run = try LoadRun(plan: plan)
            Task {
                try await Task.sleep(for: .seconds(1))
                run.stop()
            }
            return try await run.execute()
        }
        #expect(result.outcome == .interrupted)
        // A run that ignores the stop lasts 30 s; one that drops what it measured has no
        // responses. 80 to 200: about 1 s at 100/s, however late the stop lands.
        #expect(result.elapsed < .seconds(5))
        #expect(result.responses >= 80 && result.responses <= 200, "responses \(result.responses)")
    }

    @Test(arguments: clients) func multipleThreadsSplitTheScheduleExactly(client: TransportKind) async throws {
        let result = try await withDemoServer(DemoTargetConfiguration(eventLoopThreads: 2)) { server in
            let plan = LoadPlan(request: RequestSpec(url: server.baseURL + "/healthz"),
                                transport: TransportOptions(connections: 8, threads: 3, kind: client),
                                model: .open(.constant(rate: 300, duration: .seconds(1)), maxInFlight: 1000))
            return try await LoadRun(plan: plan).execute()
        }
        #expect(result.sent == 300)
        #expect(result.responses == 300)
        #expect(result.series.map(\.requests).reduce(0, +) == 300)
    }
}
