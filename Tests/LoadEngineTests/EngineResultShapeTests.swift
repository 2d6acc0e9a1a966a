import DemoTarget
import LoadEngine
import Testing
import TestSupport

/// The engine hands back values, not text: targets as numbers, errors naming the setting (not
/// a command-line flag) with the value and the limit.
@Suite(.timeLimit(.minutes(1)))
struct EngineResultShapeTests {
    private func plan(connections: Int = 4, rate: Double = 10, kind: TransportKind = .auto,
                      url: String = "http://127.0.0.1:9/", http2: Bool = false) -> LoadPlan {
        LoadPlan(request: RequestSpec(url: url), transport: TransportOptions(connections: connections, http2: http2, kind: kind),
                 model: .open(.constant(rate: rate, duration: .seconds(1)), maxInFlight: 100))
    }

    @Test func errorsNameTheSettingValueAndLimitWithoutFlags() {
        #expect(throws: LoadEngineError.outOfRange(.connections, value: 0, allowed: 1...Double(LoadLimits.connections))) {
            try LoadRun(plan: plan(connections: 0))
        }
        let error = LoadEngineError.outOfRange(.connections, value: 0, allowed: 1...20_000)
        #expect(error.description == "connections must be 1 to 20000 (got 0)")
        #expect(error.message(naming: { "--\($0.rawValue)" }) == "--connections must be 1 to 20000 (got 0)")
    }

    @Test func everyEngineMessageLeavesFlagsToTheCaller() {
        let errors: [LoadEngineError] = [
            .outOfRange(.rate, value: 2e6, allowed: 0...1e6), .notPositive(.timeout),
            .nativeTransportUnsupported(url: "https://x/", http2: false), .http2Unavailable,
            .streamsNeedHTTP2(streams: 10), .tooManyStreams(connections: 64, streams: 1_000),
            .unsendable(.header, value: "X: \r\n", reason: "a control character"), .scheduleSendsNothing,
            .transport(.descriptorLimit(DescriptorShortfall(connections: 1_000, needed: 1_100, softLimit: 128, hardLimit: 128))),
        ]
        for error in errors {
            #expect(!error.description.contains("--"), "\(error.description)")
            #expect(error.message(naming: { "--" + $0.rawValue }).contains("--"), "\(error)")
        }
    }

    @Test func streamsAreHTTP2sAndBounded() {
        func streamed(_ streams: Int, http2: Bool, connections: Int = 4) -> LoadPlan {
            var plan = plan(connections: connections, url: "https://127.0.0.1:9/")
            plan.transport.http2 = http2
            plan.transport.streams = streams
            return plan
        }
        #expect(throws: LoadEngineError.outOfRange(.streams, value: 0, allowed: 1...Double(LoadLimits.streams))) {
            try LoadRun(plan: streamed(0, http2: true))
        }
        #expect(throws: LoadEngineError.streamsNeedHTTP2(streams: 2)) { try LoadRun(plan: streamed(2, http2: false)) }
        #expect(throws: LoadEngineError.tooManyStreams(connections: 64, streams: 1_000)) {
            try LoadRun(plan: streamed(1_000, http2: true, connections: 64))
        }
        #expect(throws: Never.self) { try LoadRun(plan: streamed(10, http2: true)) }
    }

    @Test func planFaultsAreTyped() {
        #expect(throws: LoadEngineError.scheduleSendsNothing) { try LoadRun(plan: plan(rate: 0)) }
        #expect(throws: Never.self) { try LoadRun(plan: plan(kind: .native, url: "https://127.0.0.1:9/", http2: true)) }
        #expect(throws: Never.self) { try LoadRun(plan: plan(kind: .native, url: "https://127.0.0.1:9/")) }
    }

    /// `auto` sends a load run natively, http:// and https://, HTTP/1.1 and HTTP/2 alike.
    @Test func autoPicksTheNativeClientForLoadRuns() {
        #expect(TransportOptions().resolvedKind(for: "http://127.0.0.1:9/") == .native)
        #expect(TransportOptions().resolvedKind(for: "HTTPS://127.0.0.1:9/") == .native)
        #expect(TransportOptions(http2: true).resolvedKind(for: "https://127.0.0.1:9/") == .native)
        #expect(TransportOptions(http2: true).resolvedKind(for: "http://127.0.0.1:9/") == .native)
        #expect(TransportOptions(kind: .curl).resolvedKind(for: "https://127.0.0.1:9/") == .curl)
    }

    @Test func targetsCarryLimitMeasuredValueAndUnit() async throws {
        let result = try await withDemoServer { server in
            try await runOpen(server.baseURL + "/healthz", rate: 20, duration: .seconds(1), client: .native)
        }
        let latency = RunTarget.latency(.p99, atMost: .seconds(5)).evaluate(result.measurements)
        #expect(latency.limit == 5_000)
        #expect(latency.unit == .milliseconds)
        #expect(latency.comparison == .atMost)
        #expect(latency.measured.map { $0 > 0 && $0 < 5_000 } == true)
        #expect(latency.passed)
        let errors = RunTarget.errorRate(atMost: 0.01).evaluate(result.measurements)
        #expect(errors.unit == .ratio && errors.measured == 0 && errors.limit == 0.01 && errors.passed)
        let rate = RunTarget.rate(20, tolerance: 0.5).evaluate(result.measurements)
        #expect(rate.comparison == .within(tolerance: 0.5) && rate.unit == .requestsPerSecond && rate.limit == 20)
    }

    @Test func latencyTargetWithoutResponsesMeasuresNothing() async throws {
        let result = try await runOpen("http://127.0.0.1:\(unusedLoopbackPort())/", rate: 10, duration: .seconds(1), client: .native)
        let check = RunTarget.latency(.p50, atMost: .seconds(1)).evaluate(result.measurements)
        #expect(check.measured == nil)
        #expect(!check.passed)
    }
}
