import LoadEngine
import Scenarios
import Testing

/// Which HTTP client a scenario's requests go through.
struct TransportChoiceTests {
    private func kind(target: String, path: String = "/healthz", transport: TransportKind = .auto,
                      http2: Bool = false) throws -> TransportKind {
        let yaml = "target: \(target)\nload: { iterations: 1 }\nflow:\n  - name: step\n    path: \"\(path)\"\n"
        let scenario = try ScenarioLoader.parse(yaml, file: "test.yaml", environment: [:])
        return ScenarioRun(scenario: scenario, transport: TransportOptions(http2: http2, kind: transport)).resolvedTransportKind
    }

    @Test func httpAndHTTPSGoNativeUnlessAskedOtherwise() throws {
        #expect(try kind(target: "http://127.0.0.1:8080") == .native)
        #expect(try kind(target: "https://127.0.0.1:8443") == .native)
        #expect(try kind(target: "https://127.0.0.1:8443", http2: true) == .curl)
        #expect(try kind(target: "http://127.0.0.1:8080/", path: "{{__vu}}/x") == .native)
        #expect(try kind(target: "http://127.0.0.1:8080", path: "http://127.0.0.1:8080/healthz") == .native)
        #expect(try kind(target: "http://127.0.0.1:8080", transport: .curl) == .curl)
        #expect(try kind(target: "http://127.0.0.1:8080", http2: true) == .curl)
    }

    @Test func aStepOnAnotherOriginGoesThroughLibcurl() throws {
        #expect(try kind(target: "http://127.0.0.1:8080", path: "http://127.0.0.1:9090/healthz") == .curl)
        #expect(try kind(target: "http://127.0.0.1:8080", path: "https://127.0.0.1:8080/healthz") == .curl)
    }
}
