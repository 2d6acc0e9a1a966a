import DemoTarget
import LoadEngine
import Synchronization
import Testing
import TestSupport

/// What each second of a run reports while it goes on: the counts a monitor or a metrics
/// endpoint needs, and the latency histogram to merge seconds with.
@Suite(.timeLimit(.minutes(1)))
struct IntervalReportTests {
    /// Runs `plan` and returns its result with every report `onInterval` got.
    private func run(_ plan: LoadPlan) async throws -> (RunResult, [IntervalReport]) {
        let reports = Mutex<[IntervalReport]>([])
        let result = try await LoadRun(plan: plan).execute { report in reports.withLock { $0.append(report) } }
        return (result, reports.withLock { $0 })
    }

    @Test func eachSecondCountsServerErrorsAndCarriesItsLatencies() async throws {
        let (result, reports) = try await withDemoServer { server in
            try await run(LoadPlan(request: RequestSpec(url: server.baseURL + "/healthz?status=503"),
                                   transport: TransportOptions(connections: 4, threads: 1),
                                   model: .open(.constant(rate: 50, duration: .seconds(2)), maxInFlight: 100)))
        }
        #expect(reports.map(\.stats) == result.series)
        #expect(reports.map(\.stats.serverErrors).reduce(0, +) == 100)
        for report in reports {
            #expect(report.stats.serverErrors == report.stats.requests)
            #expect(report.latency.totalCount == UInt64(report.stats.requests))
        }
    }

    @Test func dropsAndRequestsInFlightShowInTheSecondsTheyHappen() async throws {
        let (result, reports) = try await withDemoServer { server in
            try await run(LoadPlan(request: RequestSpec(url: server.baseURL + "/healthz?delay=1500ms"),
                                   transport: TransportOptions(connections: 2, threads: 1),
                                   model: .open(.constant(rate: 20, duration: .seconds(2)), maxInFlight: 4)))
        }
        #expect(result.dropped > 0)
        #expect(reports.map(\.stats.dropped).reduce(0, +) == result.dropped)
        #expect(reports.first?.stats.inFlight == 2, "both connections busy at the end of the first second")
    }
}
