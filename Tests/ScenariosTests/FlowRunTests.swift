import DemoTarget
import Foundation
import LoadEngine
import Scenarios
import Testing
import TestSupport

/// Flows run against the in-process demo target: captures feed later steps, checks judge
/// responses, and failures end the iteration with a message.
struct FlowRunTests {
    private func run(_ body: String, load: String = "{ iterations: 20, vus: 4 }", variables: String = "",
                     environment: [String: String] = [:]) async throws -> ScenarioResult {
        try await withDemoServer { server in
            let yaml = "target: \(server.baseURL)\nload: \(load)\n\(variables)\n\(body)"
            let scenario = try ScenarioLoader.parse(yaml, file: "test.yaml", environment: environment)
            return try await ScenarioRun(scenario: scenario).execute()
        }
    }

    private func check(_ result: ScenarioResult, _ label: String) -> CheckResult? {
        result.checks.first { $0.label == label }
    }

    @Test func jsonHeaderAndRegexCapturesFeedLaterSteps() async throws {
        let result = try await run("""
            flow:
              - name: place
                method: POST
                path: /api/orders
                body: { symbol: EURUSD, side: buy, quantity: 100 }
                capture:
                  order_id: $.id
                  location: { header: Location }
                  number: { regex: 'ord-([0-9]+)' }
              - name: read
                path: "{{location}}"
                check:
                  status: 200
                  body_contains: "ord-{{number}}"
                  json:
                    - path: $.id
                      equals: "{{order_id}}"
            """)
        #expect(result.checks.allSatisfy { $0.failures == 0 }, "\(result.checks)")
        #expect(result.checks.allSatisfy { $0.failures == 0 && $0.passes == 20 }, "\(result.checks)")
        #expect(result.steps.map(\.measurements.responses) == [20, 20])
        #expect(result.iterations.responses == 20)
        #expect(result.iterations.failures == 0)
    }

    @Test func failedCheckEndsTheIterationWithItsMessageAndTheRunGoesOn() async throws {
        let result = try await run("""
            flow:
              - name: quote
                path: /api/prices/EURUSD
                check:
                  json:
                    - path: $.symbol
                      equals: GBPUSD
              - name: never
                path: /healthz
            """)
        #expect(!result.passed)
        let failed = try #require(check(result, "$.symbol == GBPUSD"))
        #expect(failed.failures == 20)
        #expect(failed.firstFailure == "$.symbol is \"EURUSD\", expected GBPUSD")
        #expect(result.steps[1].measurements.sent == 0)
        #expect(result.iterations.failures == 20)
        #expect(result.steps[0].measurements.errors[.check] == 20)
    }

    @Test func expectedErrorStatusIsASuccessAndAnUnexpectedOneIsCounted() async throws {
        let result = try await run("""
            requests:
              - name: missing
                path: /api/orders/ord-999999
                check: { status: 404 }
              - name: broken
                path: /healthz?status=503
            """, load: "{ iterations: 40, vus: 2 }")
        let missing = try #require(result.steps.first { $0.name == "missing" })
        let broken = try #require(result.steps.first { $0.name == "broken" })
        #expect(missing.measurements.failures == 0)
        #expect(broken.measurements.errors[.http5xx] == broken.measurements.sent)
        #expect(missing.measurements.sent + broken.measurements.sent == 40)
        #expect(check(result, "status < 400")?.firstFailure == "got status 503")
    }

    @Test func missingCaptureSourceInTheResponseFailsTheIteration() async throws {
        let result = try await run("""
            flow:
              - name: quote
                path: /api/prices/EURUSD
                capture:
                  nothing: $.no.such.member
              - name: use
                path: /api/orders/{{nothing}}
            """, load: "{ iterations: 3 }")
        let capture = try #require(check(result, "capture nothing"))
        #expect(capture.failures == 3)
        #expect(capture.firstFailure == "$.no.such.member not found in the response body")
        #expect(result.steps[1].measurements.sent == 0)
    }

    @Test func templatesRotateVariablesAndKeepJSONTypes() async throws {
        let result = try await run("""
            flow:
              - name: order
                method: POST
                path: /api/orders
                body: { symbol: "{{symbol}}", side: "{{side}}", quantity: "{{quantity}}" }
                check:
                  status: 201
                  json:
                    - path: $.quantity
                      equals: "250"
                    - path: $.symbol
                      matches: ^(EURUSD|GBPUSD)$
            """, load: "{ iterations: 6, vus: 1 }", variables: """
            variables:
              symbol: [EURUSD, GBPUSD]
              side: ${SIDE:-sell}
              quantity: 250
            """)
        #expect(result.checks.allSatisfy { $0.failures == 0 }, "\(result.checks)")
    }

    @Test func environmentValuesAreSubstitutedAndRememberedForRedaction() throws {
        let scenario = try ScenarioLoader.parse("""
            target: http://127.0.0.1:8083
            load: { iterations: 1 }
            defaults:
              headers:
                Authorization: Bearer ${API_TOKEN}
            flow:
              - path: /a/${SEGMENT:-b}
            """, file: "env.yaml", environment: ["API_TOKEN": "s3cret"])
        #expect(scenario.defaultHeaders.first?.value.source == "Bearer s3cret")
        #expect(scenario.steps[0].path.source == "/a/b")
        #expect(scenario.environmentValues == ["s3cret"])
    }

    @Test(.tags(.timing)) func constantRateOfIterationsIsHeldAndLatencyCountsFromTheIntendedStart() async throws {
        let result = try await run("""
            flow:
              - name: quote
                path: /api/prices/EURUSD
              - name: health
                path: /healthz
            """, load: "{ rate: 50, duration: 2s }")
        #expect(result.iterations.sent == 100)
        #expect(result.iterations.intendedRate == 50)
        // ±5%: a loaded machine delays iterations by milliseconds; iterations sent back to back
        // or at another rate miss by far more.
        #expect(abs(result.iterations.achievedRate - 50) < 2.5, "\(result.iterations.achievedRate)")
        #expect(result.steps[0].measurements.percentiles(.wait).count == 100)
    }

    @Test(.tags(.timing)) func stopEndsTheRunAsInterruptedWithWhatItMeasured() async throws {
        try await withDemoServer { server in
            let scenario = try ScenarioLoader.parse("""
                target: \(server.baseURL)
                load: { vus: 2, duration: 30s }
                flow:
                  - path: /healthz?delay=20ms
                """, file: "stop.yaml")
            let run = ScenarioRun(scenario: scenario)
            Task {
                try await Task.sleep(for: .milliseconds(500))
                run.stop()
            }
            let result = try await run.execute()
            #expect(result.outcome == .interrupted)
            #expect(result.requests.responses > 0)
            // A run that ignores the stop lasts its 30 s.
            #expect(result.requests.elapsed < .seconds(5))
        }
    }
}
