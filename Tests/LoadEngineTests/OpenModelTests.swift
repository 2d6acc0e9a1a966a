import DemoTarget
import LoadEngine
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(2)))
struct OpenModelTests {
    @Test(.tags(.timing), arguments: clients) func constantRateIsHeldWithinOnePercent(client: TransportKind) async throws {
        let result = try await withDemoServer { server in
            try await runOpen(server.baseURL + "/healthz", rate: 200, duration: .seconds(3), client: client)
        }
        #expect(result.intendedRequests == 600)
        #expect(result.sent == 600)
        #expect(result.responses == 600)
        #expect(result.dropped == 0)
        #expect(result.statusCounts[200] == 600)
        // 1% is `--rate-tolerance`'s default: a load delays sends but not how many go in the
        // window, while a drifting schedule (a timer rounded to whole milliseconds, an arrival
        // lost per tick) misses it.
        #expect(abs(result.achievedRate - 200) / 200 < 0.01, "achieved \(result.achievedRate)")
        #expect(result.outcome == .completed)
        // The timeline has one entry per second, each near the rate (the last response may
        // land just after the third second). ±20%: a late send moves to the next second, while
        // a schedule that sends in bursts or a timeline that files by send time misses it.
        #expect(Array(result.series.map(\.second).prefix(3)) == [0, 1, 2])
        #expect(result.series.count <= 4)
        for second in result.series.prefix(3) { #expect(abs(second.requests - 200) <= 40, "second \(second)") }
        #expect(result.series.map(\.requests).reduce(0, +) == 600)
    }

    @Test(.tags(.timing), arguments: clients) func rampRateClimbsAndSendsTheIntegral(client: TransportKind) async throws {
        let schedule = ArrivalSchedule.ramp(from: 10, to: 300, over: .seconds(3))
        let result = try await withDemoServer { server in
            let plan = LoadPlan(request: RequestSpec(url: server.baseURL + "/healthz"),
                                transport: TransportOptions(connections: 8, threads: 1, kind: client),
                                model: .open(schedule, maxInFlight: 10_000))
            return try await LoadRun(plan: plan).execute()
        }
        #expect(result.intendedRequests == 465)
        #expect(result.responses == 465)
        #expect((3...4).contains(result.series.count))
        let perSecond = Array(result.series.map(\.requests).prefix(3))
        #expect(perSecond == perSecond.sorted() && perSecond.first! < perSecond.last! / 2, "\(perSecond)")
        // Each second's count is the integral of the ramp over that second: 58, 155, 252. ±8: a
        // late thread moves a few arrivals across a boundary; a ramp off by a second, or linear
        // in the count instead of the rate, misses by tens.
        for (measured, expected) in zip(perSecond, [58, 155, 252]) { #expect(abs(measured - expected) <= 8) }
    }

    @Test(.tags(.timing), arguments: clients) func latencyIsMeasuredFromTheIntendedSendTime(client: TransportKind) async throws {
        // A stall of 500 ms each second with only two connections: arrivals queue behind the
        // stalled requests. Their wait must count (corrected latency) even though the
        // requests themselves are fast once sent (service time).
        let configuration = DemoTargetConfiguration(stallEvery: .seconds(1), stallFor: .milliseconds(500))
        let result = try await withDemoServer(configuration) { server in
            try await runOpen(server.baseURL + "/healthz", rate: 200, duration: .seconds(3), client: client, connections: 2)
        }
        let corrected = result.percentiles(.latency)
        let service = result.percentiles(.serviceTime)
        // The stall is 500 ms against a few ms of load noise: latency measured from the actual
        // send misses the first bound, waits counted as service time the second.
        #expect(corrected.p90 > 200_000, "corrected p90 \(corrected.p90)µs should show the stall")
        #expect(service.p90 < 50_000, "service time p90 \(service.p90)µs should not")
        #expect(result.percentiles(.wait).p90 > 150_000)
        #expect(result.dropped == 0)
    }

    @Test(arguments: clients) func phaseTimingsAreRecorded(client: TransportKind) async throws {
        let result = try await withDemoServer { server in
            try await runOpen(server.baseURL + "/api/prices/EURUSD", rate: 100, duration: .seconds(1), client: client, connections: 4)
        }
        #expect(result.percentiles(.ttfb).count == UInt64(result.responses))
        #expect(result.percentiles(.transfer).count == UInt64(result.responses))
        let connects = result.percentiles(.connect).count
        #expect(connects >= 1 && connects <= 4, "one connect per connection used, got \(connects)")
        #expect(result.percentiles(.dns).count == connects)
        #expect(result.percentiles(.tls).count == 0)
        #expect(result.bytesReceived > 0)
    }

    @Test(arguments: clients) func arrivalsBeyondMaxInFlightAreDropped(client: TransportKind) async throws {
        let result = try await withDemoServer { server in
            try await runOpen(server.baseURL + "/healthz?delay=400ms", rate: 100, duration: .seconds(1), client: client,
                              connections: 2, maxInFlight: 10)
        }
        #expect(result.dropped > 50, "dropped \(result.dropped)")
        #expect(result.sent + result.dropped == 100)
        #expect(result.responses == result.sent)
    }
}
