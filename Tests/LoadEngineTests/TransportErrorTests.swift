import DemoTarget
import LoadEngine
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(2)))
struct TransportErrorTests {
    @Test(arguments: clients) func refusedConnectionsAreCountedNotFatal(client: TransportKind) async throws {
        let url = "http://127.0.0.1:\(unusedLoopbackPort())/healthz"
        let result = try await runOpen(url, rate: 20, duration: .seconds(1), client: client)
        #expect(result.responses == 0)
        #expect(result.errors[.refused] == 20)
        #expect(result.outcome == .completed)
    }

    @Test(.tags(.timing), arguments: clients) func slowResponsesTimeOut(client: TransportKind) async throws {
        let result = try await withDemoServer { server in
            try await runOpen(server.baseURL + "/healthz?delay=3s", rate: 10, duration: .seconds(1), client: client,
                              timeout: .milliseconds(300))
        }
        #expect(result.errors[.timeout] == 10)
        #expect(result.responses == 0)
        // The server holds each response 3 s: a run that waits for them instead of timing out
        // at 300 ms takes longer.
        #expect(result.elapsed < .seconds(3))
    }

    @Test(arguments: clients) func connectionClosedMidResponseIsAReset(client: TransportKind) async throws {
        let result = try await withDemoServer { server in
            try await runOpen(server.baseURL + "/healthz?close=mid", rate: 10, duration: .seconds(1), client: client)
        }
        #expect(result.errors[.reset] == 10)
        #expect(result.responses == 0)
    }

    @Test(arguments: clients, [(503, ErrorKind.http5xx), (404, .http4xx)])
    func errorStatusesCountByClass(client: TransportKind, status: (Int, ErrorKind)) async throws {
        let (status, kind) = status
        let result = try await withDemoServer { server in
            try await runOpen(server.baseURL + "/healthz?status=\(status)", rate: 20, duration: .seconds(1), client: client)
        }
        #expect(result.errors[kind] == 20)
        #expect(result.statusCounts[status] == 20)
        #expect(result.errorRate == 1)
        // Error responses are still responses: their latency is recorded.
        #expect(result.percentiles(.latency).count == 20)
    }

    @Test func invalidURLIsRejectedBeforeRunning() {
        let plan = LoadPlan(request: RequestSpec(url: "ftp://127.0.0.1/x"),
                            model: .closed(duration: .seconds(1)))
        #expect(throws: LoadEngineError.self) { try LoadRun(plan: plan) }
    }
}
