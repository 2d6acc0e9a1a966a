import Foundation
import FoundationNetworking
import Testing

/// `perfkit serve` as a process: prints where it listens, answers, and stops on SIGTERM.
@Suite(.timeLimit(.minutes(1)))
struct ServeCommandTests {
    @Test func servesOnAFreePortWithItsVersionAndStopsOnSigterm() async throws {
        let serving = try PerfkitBinary.launch(["serve", "--port", "0", "--version", "v1.2.3"])
        let deadline = ContinuousClock.now + .seconds(20)
        var baseURL: String?
        while baseURL == nil, ContinuousClock.now < deadline {
            baseURL = serving.stdoutSoFar.firstMatch(of: /listening on (http:\/\/127\.0\.0\.1:\d+)/).map { String($0.1) }
            try await Task.sleep(for: .milliseconds(50))
        }
        let url = try #require(baseURL, "no 'listening on' line: \(serving.stdoutSoFar)")
        #expect(!url.hasSuffix(":0"))
        let (body, response) = try await URLSession.shared.data(from: URL(string: url + "/healthz")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("\"version\":\"v1.2.3\""))
        serving.signal(SIGTERM)
        let outcome = try await serving.wait(timeout: .seconds(10))
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.contains("stopped after"))
    }
}
