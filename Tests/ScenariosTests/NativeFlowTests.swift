import DemoTarget
import Foundation
import LoadEngine
import Scenarios
import Testing
import TestSupport

/// Flows whose virtual users run on the native client's exchange threads: every iteration
/// completes with its captures on one thread or several, and abandoning mid-flow ends the run
/// with what it measured.
@Suite(.timeLimit(.minutes(1)))
struct NativeFlowTests {
    /// A run of `flow` against `server` on the native client with `threads` threads.
    private func nativeRun(_ flow: String, load: String, against server: DemoServer, threads: Int = 1) throws -> ScenarioRun {
        let scenario = try ScenarioLoader.parse("target: \(server.baseURL)\nload: \(load)\n\(flow)", file: "native-flow.yaml")
        return ScenarioRun(scenario: scenario, transport: TransportOptions(threads: threads, kind: .native))
    }

    @Test(arguments: [1, 2])
    func everyIterationCompletesWithCapturesAcrossStepsOnEachThreadCount(threads: Int) async throws {
        let result = try await withDemoServer { server in
            try await nativeRun("""
                variables:
                  symbol: [EURUSD, GBPUSD, USDJPY]
                flow:
                  - name: signal
                    method: POST
                    path: /api/signals
                    body: { symbol: "{{symbol}}" }
                    check: { status: 201 }
                    capture: { signal_id: $.id, side: $.side }
                  - name: order
                    method: POST
                    path: /api/orders
                    body: { symbol: "{{symbol}}", side: "{{side}}", quantity: 100, signal_id: "{{signal_id}}" }
                    check: { status: 201 }
                    capture: { order_id: $.id }
                  - name: status
                    path: /api/orders/{{order_id}}
                    check:
                      status: 200
                      json:
                        - path: $.id
                          equals: "{{order_id}}"
                        - path: $.symbol
                          equals: "{{symbol}}"
                """, load: "{ iterations: 60, vus: 8 }", against: server, threads: threads).execute()
        }
        #expect(result.transport == .native)
        #expect(result.outcome == .completed)
        #expect(result.checks.allSatisfy { $0.failures == 0 && $0.passes == 60 }, "\(result.checks)")
        #expect(result.steps.map(\.measurements.responses) == [60, 60, 60])
        #expect(result.requests.responses == 180)
        #expect(result.iterations.responses == 60)
        #expect(result.iterations.failures == 0)
    }

    @Test func virtualUserWokenAfterThinkTimeGoesOnWithItsFlow() async throws {
        // The sleep's timer fires elsewhere and enqueues the task on an exchange thread asleep in epoll.
        let result = try await withDemoServer { server in
            try await nativeRun("""
                flow:
                  - name: first
                    path: /healthz
                    think: 5ms
                  - name: second
                    path: /healthz
                """, load: "{ iterations: 6, vus: 3 }", against: server).execute()
        }
        #expect(result.outcome == .completed)
        #expect(result.steps.map(\.measurements.responses) == [6, 6])
    }

    @Test func abandoningMidFlowEndsTheRunWithItsPartialResults() async throws {
        try await withDemoServer { server in
            let run = try nativeRun("""
                flow:
                  - name: quick
                    path: /healthz
                  - name: stalled
                    path: /healthz?delay=40s
                """, load: "{ iterations: 2, vus: 2 }", against: server)
            let stopper = Task {
                // Both quick steps answered; then a moment for the stalled ones to go out.
                for _ in 0..<500 where server.requestsServed < 2 { try await Task.sleep(for: .milliseconds(10)) }
                try await Task.sleep(for: .milliseconds(100))
                run.stopImmediately()
            }
            let result = try await run.execute()
            try await stopper.value
            #expect(result.outcome == .interrupted)
            #expect(result.steps[0].measurements.responses == 2)
            // Answered only if the run waited out the 40 s delay (the suite's limit is a minute).
            #expect(result.steps[1].measurements.responses == 0)
            #expect(result.iterations.unfinished == 2)
        }
    }
}
