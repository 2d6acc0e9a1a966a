import DemoTarget
import Foundation
import Glibc
import Testing
import TestSupport

/// Hostile flags, values and targets (issue 12, part A), through the built binary. Each table
/// is one line per case; every request goes to a loopback server of the test, for a second or
/// two at a few requests per second.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct HostileFlagsTests {
    private let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    // MARK: Refused before anything is allocated or sent

    @Test(arguments: [
        (["latency", "http://127.0.0.1:1/", "--connections", "1000000"], "--connections", "at most 20000"),
        (["latency", "http://127.0.0.1:1/", "--threads", "100000"], "--threads", "at most 256"),
        (["latency", "http://127.0.0.1:1/", "--rate", "1e12"], "--rate", "at most 1000000"),
        (["latency", "http://127.0.0.1:1/", "--rate", "-5"], "--rate", "must be more than 0"),
        (["latency", "http://127.0.0.1:1/", "--connections", "-3"], "--connections", "at least 1"),
        // Values written onto their short option, as getopt reads them.
        (["latency", "http://127.0.0.1:1/", "-c-3"], "--connections", "at least 1"),
        (["latency", "http://127.0.0.1:1/", "-c1000000"], "--connections", "at most 20000"),
        (["latency", "http://127.0.0.1:1/", "-HX A: 1"], "--header", "'X A' is not a valid header name"),
        (["latency", "http://127.0.0.1:1/", "--duration", "48h"], "--duration", "at most 86400s"),
        (["latency", "http://127.0.0.1:1/", "--timeout", "2h"], "--timeout", "at most 3600s"),
        (["latency", "http://127.0.0.1:1/", "--max-in-flight", "100000000"], "--max-in-flight", "at most 10000000"),
        (["latency", "http://127.0.0.1:1/", "--repeat", "5000"], "--repeat", "at most 1000"),
        (["throughput", "http://127.0.0.1:1/", "--target-rps", "2e6"], "--target-rps", "at most 1000000"),
        (["load", "http://127.0.0.1:1/", "--max-rps", "2e6"], "--max-rps", "at most 1000000"),
        (["load", "http://127.0.0.1:1/", "--max-rps", "5", "--start-rps", "2e6"], "--start-rps", "at most 1000000"),
        (["load", "http://127.0.0.1:1/", "--max-rps", "5", "--ramp", "48h"], "--ramp", "at most 86400s"),
        (["load", "http://127.0.0.1:1/", "--max-rps", "5", "--hold", "48h"], "--hold", "at most 86400s"),
        (["load", "http://127.0.0.1:1/", "--stage", "0s:5"], "--stage '0s:5'", "duration must be more than 0"),
        (["load", "http://127.0.0.1:1/", "--stage", "10s:2e6"], "--stage '10s:2e6'", "at most 1000000"),
        (["run", "scenarios/trading-flow.yaml", "--iterations", "10000000000"], "--iterations", "at most 1000000000"),
        (["run", "scenarios/trading-flow.yaml", "--vus", "1000000"], "--vus", "at most 10000"),
        (["run", "scenarios/latency-benchmark.yaml", "--rate", "1e12"], "--rate", "at most 1000000"),
        (["serve", "--threads", "100000"], "--threads", "at most 256"),
        (["serve", "--latency", "2h"], "--latency", "at most 3600s"),
        (["monitor", "http://127.0.0.1:1/", "--threshold", "error_rate:1%", "--rate", "2e6"], "--rate", "at most 1000000"),
        (["monitor", "http://127.0.0.1:1/", "--threshold", "error_rate:1%", "--for", "48h"], "--for", "at most 86400s"),
        (["latency", "http://127.0.0.1:1/", "-H", "X-A: 1\r\nX-B: 2"], "--header 'X-A: 1\\r\\nX-B: 2'", "control character"),
        (["latency", "http://127.0.0.1:1/", "-H", "X-A: 1\nX-B: 2"], "--header", "control character"),
        (["latency", "http://127.0.0.1:1/", "-H", "X-A: bell\u{7}"], "--header", "control character"),
        (["latency", "http://127.0.0.1:1/", "-H", "X A: 1"], "--header", "'X A' is not a valid header name"),
        (["latency", "http://127.0.0.1:1/", "--method", "GET / HTTP/1.1\r\nX-B: 2\r\n"], "--method", "is not an HTTP method"),
    ])
    func hostileFlagExitsTwoNamingIt(arguments: [String], names: String, says: String) async throws {
        let outcome = try await PerfkitBinary.run(arguments + ["--no-store"].filter { _ in arguments[0] != "serve" },
                                                  timeout: .seconds(20))
        #expect(outcome.exitCode == 2, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains(names), "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains(says), "stderr: \(outcome.stderr)")
        #expect(!outcome.stderr.contains("\r"), "a control character reached the terminal")
        #expect(outcome.stdout.isEmpty)
    }

    /// Scenario fields out of range exit 2 with `file:line:column`.
    @Test(arguments: [
        ("rate: 1e12\n  duration: 1s", "ok", "load.rate must be at most 1000000"),
        ("rate: 5\n  duration: 48h", "ok", "load.duration must be at most 86400s"),
        ("vus: 1000000\n  duration: 1s", "ok", "load.vus must be at most 10000"),
        ("iterations: 10000000000", "ok", "load.iterations must be at most 1000000000"),
        ("rate: 5\n  duration: 1s\n  connections: 1000000", "ok", "load.connections must be at most 20000"),
        ("rate: 5\n  duration: 1s", "\"1\\r\\nX-B: 2\"", "without control characters"),
    ])
    func hostileScenarioFieldExitsTwoWithItsPlace(load: String, header: String, says: String) async throws {
        let path = folder.path("hostile.yaml")
        try scenario(load: load, header: header, steps: "  - name: one\n    path: /\n").write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try await PerfkitBinary.run(["run", path, "--target", "http://127.0.0.1:1", "--no-store"], timeout: .seconds(20))
        #expect(outcome.exitCode == 2, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains("hostile.yaml:"), "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains(says), "stderr: \(outcome.stderr)")
    }

    // MARK: Signals

    /// One trap for the whole command: a signal during any run of `--repeat`, or between two
    /// runs, ends it with 130 and leaves what ran stored (the cut run as `interrupted`).
    @Test(arguments: [
        (SIGINT, "2", "run 2 of 3", 0, ["completed", "interrupted"]),
        (SIGTERM, "2", "run 2 of 3", 500, ["completed", "interrupted"]),
        (SIGHUP, "30", "run 1 of 2", 1_000, ["interrupted"]),
    ])
    func stopSignalEndsARepeatedRunAt130(signal: Int32, duration: String, after marker: String, delayMilliseconds: Int,
                                         stored: [String]) async throws {
        let store = folder.path("signals-\(signal).sqlite")
        let repeats = marker.hasSuffix("of 3") ? "3" : "2"
        let outcome = try await withDemoServer { server in
            let running = try PerfkitBinary.launch(["latency", server.baseURL + "/healthz", "--duration", duration, "--rate", "20",
                                                    "--repeat", repeats, "--store", store, "--version", "v1"])
            let deadline = ContinuousClock.now + .seconds(20)
            while !running.stderrSoFar.contains(marker), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            try await Task.sleep(for: .milliseconds(delayMilliseconds))
            running.signal(signal)
            return try await running.wait(timeout: .seconds(20))
        }
        #expect(outcome.exitCode == 130, "stderr: \(outcome.stderr)")
        #expect(!outcome.stderr.contains("run 3 of 3"))
        let exported = try await PerfkitBinary.run(["baselines", "export", "--version", "v1", "--store", store])
        let runs = try #require(try jsonObject(exported.stdout)["runs"] as? [[String: Any]])
        #expect(runs.compactMap { $0["status"] as? String }.sorted() == stored)
    }

    // MARK: What hostile targets answer

    /// What a scripted server answers is recorded as it is, the same on both transports.
    @Test(arguments: [
        (HostileAnswer.status999, "native", ["status_codes", "999"], 20),
        (HostileAnswer.status999, "curl", ["status_codes", "999"], 20),
        (HostileAnswer.twoContentLengths, "native", ["errors", "protocol"], 20),
        (HostileAnswer.twoContentLengths, "curl", ["errors", "protocol"], 20),
        (HostileAnswer.closesKeptAliveConnections, "curl", ["errors", "reset"], 0),
        (HostileAnswer.closesKeptAliveConnections, "curl", ["requests", "responses"], 20),
        (HostileAnswer.closesKeptAliveConnections, "native", ["errors", "reset"], 0),
    ])
    func hostileAnswerIsRecordedAsSent(answer: HostileAnswer, transport: String, key: [String], expected: Int) async throws {
        let server = try HostileServer(answer.script)
        defer { server.stop() }
        let outcome = try await PerfkitBinary.run(["latency", server.baseURL + "/", "--transport", transport, "-c", "1",
                                                   "--rate", "20", "--duration", "1", "--no-store", "-q", "--format", "json"])
        let summary = try jsonObject(outcome.stdout)
        let section = try #require(summary[key[0]] as? [String: Any], "stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
        #expect(section[key[1]] as? Int ?? 0 == expected, "\(key): \(section)")
    }

    /// A value captured from a response that carries CR LF is never sent in a header: the step
    /// fails as a check and the server never sees it.
    @Test func capturedLineBreakFailsTheStepUnsent() async throws {
        let server = try HostileServer([.send("HTTP/1.1 200 OK\r\nContent-Length: 34\r\n\r\n{\"token\":\"a\\r\\nX-Injected: yes\"}  ")])
        defer { server.stop() }
        let steps = """
              - name: login
                path: /login
                capture:
                  token: $.token
              - name: use
                path: /use
                headers:
                  X-Token: "{{token}}"

            """
        let path = folder.path("capture.yaml")
        try scenario(load: "iterations: 3", header: "ok", steps: steps, flow: true).write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try await PerfkitBinary.run(["run", path, "--target", server.baseURL, "--no-store", "-q", "--format", "json"])
        #expect(outcome.exitCode == 1, "stderr: \(outcome.stderr)")
        let summary = try jsonObject(outcome.stdout)
        let steps2 = try #require(summary["steps"] as? [[String: Any]])
        let use = try #require(steps2.last)
        #expect((use["errors"] as? [String: Int])?["check"] == 3)
        #expect((use["requests"] as? [String: Any])?["responses"] as? Int == 0)
    }

    // MARK: Unreachable and local limits

    @Test func unreachableTargetExitsFourWithoutAPass() async throws {
        let outcome = try await PerfkitBinary.run(["latency", "http://127.0.0.1:\(unusedLoopbackPort())/", "--duration", "1",
                                                   "--rate", "5", "--no-store", "-q"])
        #expect(outcome.exitCode == 4)
        #expect(!outcome.stdout.contains("PASS"), "stdout: \(outcome.stdout)")
    }

    /// A closed model whose connects are refused backs off instead of spinning a core.
    @Test func refusedClosedModelBacksOffAndExitsFour() async throws {
        let outcome = try await PerfkitBinary.run(["throughput", "http://127.0.0.1:\(unusedLoopbackPort())/", "--max", "-c", "4",
                                                   "--duration", "2", "--no-store", "-q", "--format", "json"])
        #expect(outcome.exitCode == 4)
        let requests = try #require(try jsonObject(outcome.stdout)["requests"] as? [String: Any])
        #expect((requests["sent"] as? Int ?? .max) < 1_000, "\(requests)")
    }

    /// The native transport reaches an IPv6 literal (the brackets used to reach getaddrinfo).
    @Test func nativeTransportReachesIPv6Literal() async throws {
        let outcome = try await withDemoServer(DemoTargetConfiguration(host: "::1", port: 0)) { server in
            try await PerfkitBinary.run(["latency", server.baseURL + "/healthz", "--transport", "native", "--duration", "1",
                                         "--rate", "20", "--no-store", "-q", "--format", "json"])
        }
        #expect(outcome.exitCode == 0, "stderr: \(outcome.stderr)")
        let requests = try #require(try jsonObject(outcome.stdout)["requests"] as? [String: Any])
        #expect(requests["responses"] as? Int == 20)
    }

    /// Without --max-error-rate, latency fails a run whose requests all failed.
    @Test func latencyFailsOnErrorsByDefault() async throws {
        let outcome = try await withDemoServer { server in
            try await PerfkitBinary.run(["latency", server.baseURL + "/healthz?status=503", "--duration", "1", "--rate", "10",
                                         "--no-store", "-q"])
        }
        #expect(outcome.exitCode == 1)
        #expect(outcome.stdout.contains("FAIL  error_rate"))
    }

    /// Limits of this machine and of stdout, set by a shell around perfkit; TARGET is the demo
    /// target's URL.
    @Test(arguments: [
        ("ulimit -n 128", ["latency", "TARGET", "-c", "1000", "--duration", "1", "--rate", "5", "--no-store", "-q"], Int32(4), "--connections 1000 needs about"),
        ("ulimit -Sn 128", ["latency", "TARGET", "-c", "1000", "--duration", "1", "--rate", "5", "--no-store", "-q"], Int32(0), ""),
        ("exec >/dev/full", ["latency", "TARGET", "--duration", "1", "--rate", "5", "-q"], Int32(4), "cannot write the summary"),
    ])
    func machineLimitIsTheGeneratorsNotTheTargets(shell: String, arguments: [String], exitCode: Int32, says: String) async throws {
        let outcome = try await withDemoServer { server in
            try await PerfkitBinary.run(arguments.map { $0 == "TARGET" ? server.baseURL + "/healthz" : $0 }, shell: shell)
        }
        #expect(outcome.exitCode == exitCode, "stderr: \(outcome.stderr)")
        #expect(says.isEmpty || outcome.stderr.contains(says), "stderr: \(outcome.stderr)")
        if !arguments.contains("--no-store") { #expect(outcome.stderr.contains("stored run")) }
    }

    // MARK: Helpers

    private func scenario(load: String, header: String, steps: String, flow: Bool = false) -> String {
        """
        name: hostile
        target: http://127.0.0.1:1
        defaults:
          headers:
            X-A: \(header)
        load:
          \(load)
        \(flow ? "flow" : "requests"):
        \(steps)
        """
    }
}

/// Scripted answers of a hostile server, one per defect class.
enum HostileAnswer: String, Sendable, CustomTestStringConvertible {
    case status999
    case twoContentLengths
    case closesKeptAliveConnections

    var testDescription: String { rawValue }

    var script: [HostileServer.Step] {
        switch self {
        case .status999: [.send("HTTP/1.1 999 Odd\r\nContent-Length: 2\r\n\r\nok")]
        case .twoContentLengths: [.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nokk")]
        // Answers, then drops the kept-alive connection (a reset) while the next request is on
        // its way: at 20 req/s it goes out 50 ms after the answer.
        case .closesKeptAliveConnections: [.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), .pause(.milliseconds(150)), .reset]
        }
    }
}
