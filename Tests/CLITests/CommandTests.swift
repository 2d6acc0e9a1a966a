import DemoTarget
import Foundation
import FoundationNetworking
import Testing
import TestSupport

/// The built binary against an in-process demo target: runbook spellings, exit codes, output.
@Suite(.timeLimit(.minutes(3)))
struct CommandTests {
    private func withTarget<T>(_ body: (String) async throws -> T) async throws -> T {
        try await withDemoServer { server in try await body(server.baseURL) }
    }

    @Test(.tags(.timing)) func latencyRunbookSpellingPassesItsTarget() async throws {
        let outcome = try await withTarget { base in
            // 500 ms: the demo answers in about a millisecond and a loaded machine adds tens; a
            // p95 in the wrong unit or measured from the run's start misses it.
            try await PerfkitBinary.run(["latency", base + "/api/signals", "--duration=2", "--rate=50", "--target-p95=500ms", "-q"])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("PASS  p95"))
        #expect(outcome.stdout.contains("result: PASS"))
        #expect(outcome.stdout.contains("latency (corrected)"))
    }

    @Test(.tags(.timing)) func throughputRunbookSpellingHoldsTheRate() async throws {
        let outcome = try await withTarget { base in
            try await PerfkitBinary.run(["throughput", base + "/healthz", "--duration=2s", "--target-rps=100", "--format", "json", "-q"])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let json = try jsonObject(outcome.stdout)
        #expect(json["command"] as? String == "throughput")
        // ±1 req/s is the default `--rate-tolerance` the command itself judges by (see
        // constantRateIsHeldWithinOnePercent for why a load does not move it).
        #expect((json["achieved_rate"] as? Double).map { abs($0 - 100) <= 1 } == true)
        let targets = try #require(json["targets"] as? [[String: Any]])
        #expect(targets.map { $0["name"] as? String } == ["rate", "error_rate"])
        // Each target carries its numbers beside the text.
        #expect(targets.map { $0["unit"] as? String } == ["req/s", "ratio"])
        #expect(targets.map { $0["comparison"] as? String } == ["within", "<="])
        #expect(targets[0]["limit"] as? Double == 100)
        #expect(targets[0]["tolerance"] as? Double == 0.01)
        #expect(targets[0]["requirement"] as? String == "100.0/s ± 1.00%")
        #expect((targets[0]["measured_value"] as? Double).map { abs($0 - 100) <= 1 } == true)
        #expect(targets[1]["measured_value"] as? Double == 0)
        #expect(targets[1]["measured"] as? String == "0.00%")
    }

    @Test func loadRampSpellingsParseAndRun() async throws {
        let outcome = try await withTarget { base in
            try await PerfkitBinary.run(["load", base + "/healthz", "--max-rps=100", "--ramp-duration=2", "--hold=1", "--format=json", "-q"])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let json = try jsonObject(outcome.stdout)
        let requests = try #require(json["requests"] as? [String: Any])
        // (1 + 100) / 2 * 2 + 100 * 1
        #expect(requests["intended"] as? Int == 201)
        #expect(requests["completed"] as? Int == 201)
    }

    @Test func defaultThreadsAreOnePerTwoCoresNativeAndOnePerCoreWithLibcurl() async throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let (native, curl) = try await withTarget { base in
            (try await PerfkitBinary.run(["latency", base + "/healthz", "--duration=1", "--rate=20", "-q"]),
             try await PerfkitBinary.run(["latency", base + "/healthz", "--duration=1", "--rate=20", "--transport=curl", "-q"]))
        }
        #expect(native.exitCode == 0, "\(native.stderr)")
        #expect(native.stdout.contains("64 connections, \(max(1, (cores + 1) / 2)) thread(s)"), "\(native.stdout)")
        #expect(curl.exitCode == 0, "\(curl.stderr)")
        #expect(curl.stdout.contains("64 connections, \(cores) thread(s)"), "\(curl.stdout)")
    }

    @Test func targetFromEnvironmentAndShortRamp() async throws {
        let outcome = try await withTarget { base in
            try await PerfkitBinary.run(["load", "--max-rps", "50", "--ramp", "1s", "-q"],
                                        environment: ["PERFKIT_TARGET": base + "/healthz"])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("/healthz"))
    }

    @Test func missedTargetExitsOne() async throws {
        let outcome = try await withTarget { base in
            try await PerfkitBinary.run(["latency", base + "/healthz?delay=20ms", "--duration=1", "--rate=20", "--target-p95=5ms", "-q"])
        }
        #expect(outcome.exitCode == 1)
        #expect(outcome.stdout.contains("FAIL  p95"))
        #expect(outcome.stdout.contains("result: FAIL"))
    }

    @Test func errorRateAboveLimitFailsThroughput() async throws {
        let outcome = try await withTarget { base in
            try await PerfkitBinary.run(["throughput", base + "/healthz?status=503", "--duration=1", "--target-rps=20", "-q"])
        }
        #expect(outcome.exitCode == 1)
        #expect(outcome.stdout.contains("FAIL  error_rate"))
        #expect(outcome.stdout.contains("http_5xx 20"))
    }

    @Test func unreachableTargetExitsFour() async throws {
        let port = unusedLoopbackPort()
        let outcome = try await PerfkitBinary.run(["latency", "http://127.0.0.1:\(port)/", "--duration=1", "--rate=10", "-q"])
        #expect(outcome.exitCode == 4)
        #expect(outcome.stderr.contains("target unreachable"))
        #expect(outcome.stdout.contains("refused 10"))
    }

    @Test func jsonOutputFileHasTheDocumentedKeys() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("perfkit-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try await withTarget { base in
            try await PerfkitBinary.run(["latency", base + "/api/prices/EURUSD", "--duration=1", "--rate=20", "-q", "--output", path])
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let json = try jsonObject(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self))
        for key in ["perfkit_version", "command", "target", "method", "status", "passed", "model", "started_at",
                    "duration_seconds", "planned_duration_seconds", "connections", "intended_rate", "achieved_rate",
                    "requests", "status_codes", "errors", "latency_ms", "service_time_ms", "phases_ms",
                    "bytes_received", "targets", "series"] {
            #expect(json[key] != nil, "missing key \(key)")
        }
        let latency = try #require(json["latency_ms"] as? [String: Any])
        #expect(Set(latency.keys) == ["count", "min", "mean", "p50", "p90", "p95", "p99", "p99_9", "max"])
        let phases = try #require(json["phases_ms"] as? [String: Any])
        #expect(Set(phases.keys) == ["wait", "dns", "connect", "tls", "ttfb", "transfer"])
        let errors = try #require(json["errors"] as? [String: Int])
        #expect(Set(errors.keys) == ["refused", "timeout", "reset", "dns", "tls", "protocol", "h2_not_negotiated", "other", "local", "http_4xx", "http_5xx", "check"])
        #expect(errors["check"] == 0)
        #expect(json["status"] as? String == "completed")
        #expect((json["status_codes"] as? [String: Int])?["200"] == 20)
    }

    @Test func metricsListenServesLiveMetricsWhileTheRunGoesOnAndStopsAfter() async throws {
        let port = unusedLoopbackPort()
        let metricsURL = URL(string: "http://127.0.0.1:\(port)/metrics")!
        let (scraped, outcome) = try await withTarget { base in
            let running = try PerfkitBinary.launch(["latency", base + "/healthz", "--duration=4", "--rate=50", "-q", "--no-store",
                                                    "--metrics-listen", "127.0.0.1:\(port)"])
            var scraped = ""
            let deadline = ContinuousClock.now + .seconds(15)
            while !scraped.contains("perfkit_requests_total 5"), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                if let (body, _) = try? await URLSession.shared.data(from: metricsURL) { scraped = String(decoding: body, as: UTF8.self) }
            }
            return (scraped, try await running.wait(timeout: .seconds(20)))
        }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(scraped.contains("perfkit_requests_total 5"), "live, while the run went on: \(scraped)")
        for series in ["perfkit_request_errors_total 0", "perfkit_requests_dropped_total 0", "perfkit_requests_in_flight",
                       #"perfkit_request_latency_seconds_bucket{le="+Inf"}"#] {
            #expect(scraped.contains(series), "missing \(series)")
        }
        #expect(outcome.stderr.contains("serving live metrics at http://127.0.0.1:\(port)/metrics"))
        await #expect(throws: (any Error).self, "the listener stops with the run") {
            _ = try await URLSession.shared.data(from: metricsURL)
        }
    }

    @Test func sigintStopsTheRunPrintsPartialResultsAndExits130() async throws {
        let outcome = try await withTarget { base in
            try await PerfkitBinary.interruptOnceRunning(["latency", base + "/healthz", "--duration=60", "--rate=50"])
        }
        #expect(outcome.exitCode == 130)
        #expect(outcome.stdout.contains("INTERRUPTED"))
        #expect(outcome.stdout.contains("status    200:"))
    }
}

func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// The counts a JSON summary holds under `key` (`requests`, `errors`, `status_codes`).
func counts(_ summary: [String: Any], _ key: String) throws -> [String: Int] {
    try #require(summary[key] as? [String: Int], "\(key) in \(summary)")
}
