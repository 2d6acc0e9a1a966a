import DemoTarget
import Foundation
import Testing
import TestSupport

/// `perfkit monitor` against the in-process demo target, probing and through a real Prometheus:
/// a healthy target holds for the whole duration (exit 0); an error rate raised mid-run fails the
/// monitor (exit 1) within `--for` + one window + 2 s, long before the duration is over.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct MonitorCommandTests {
    /// Short windows keep the suite short; the bars are the issue's, measured from the fault.
    static let window = 2, sustain = 2, duration = 10
    /// Spare time for a loaded two-core machine, on top of the issue's bar.
    static let margin: Duration = .seconds(3)

    private static let probeFlags = ["--rate", "20", "--window", "\(window)s", "--for", "\(sustain)s"]

    @Test(.tags(.timing)) func probingAHealthyTargetHoldsForTheWholeDuration() async throws {
        let started = ContinuousClock.now
        let outcome = try await withDemoServer { server in
            try await PerfkitBinary.run(["monitor", server.baseURL + "/api/signals", "--duration", "\(Self.duration)s",
                                         "--threshold=error_rate:0.05,latency_p95:1000ms"] + Self.probeFlags)
        }
        #expect(outcome.exitCode == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(ContinuousClock.now - started >= .seconds(Self.duration))
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.filter { $0.contains("probe") && $0.contains(" ok ") }.count >= Self.duration - Self.window - 1)
        #expect(!outcome.stdout.contains("BREACHED"))
        #expect(lines.last?.hasPrefix("monitor: PASS") == true, "\(outcome.stdout)")
        #expect(outcome.stderr.contains("scenario monitor"), "stored like any run: \(outcome.stderr)")
    }

    @Test(.tags(.timing)) func probingSeesAnErrorRateRaisedMidRunAndFailsAtOnce() async throws {
        try await withDemoServer { server in
            let running = try PerfkitBinary.launch(["monitor", server.baseURL + "/api/signals", "--duration", "30s",
                                                    "--threshold", "error_rate:5%", "--format", "json"] + Self.probeFlags)
            try await Self.waitForJudgedLine(running)
            try server.setErrorRate(0.5)
            let faultStarted = ContinuousClock.now
            let outcome = try await running.wait(timeout: .seconds(30))
            let delay = ContinuousClock.now - faultStarted
            print("monitor (probe): breach detected \(delay) after the fault started (bar: \(Self.bar))")
            #expect(outcome.exitCode == 1, "\(outcome.stdout)\n\(outcome.stderr)")
            #expect(delay <= Self.bar + Self.margin)
            let result = try jsonObject(String(try #require(outcome.stdout.split(separator: "\n").last)))
            #expect(result["type"] as? String == "result")
            #expect(result["result"] as? String == "failed")
            #expect((result["failed_threshold"] as? [String: Any])?["key"] as? String == "error_rate")
            #expect(try #require(result["elapsed_seconds"] as? Double) < 30, "stopped long before --duration")
            #expect(outcome.stderr.contains("scenario monitor"), "what was measured is stored: \(outcome.stderr)")
        }
    }

    @Test func sigintStopsTheMonitorAndStoresWhatItMeasured() async throws {
        let outcome = try await withDemoServer { server in
            let running = try PerfkitBinary.launch(["monitor", server.baseURL + "/healthz", "--duration", "60s",
                                                    "--threshold", "error_rate:5%"] + Self.probeFlags)
            try await Self.waitForJudgedLine(running, saying: "probe       ok")
            running.signal(SIGINT)
            return try await running.wait(timeout: .seconds(15))
        }
        #expect(outcome.exitCode == 130, "\(outcome.stderr)")
        #expect(outcome.stdout.split(separator: "\n").last?.hasPrefix("monitor: INTERRUPTED after") == true, "\(outcome.stdout)")
        #expect(outcome.stderr.contains("scenario monitor"))
    }

    @Test func anUnreachableTargetOrPrometheusExitsFourBeforeWatching() async throws {
        let port = unusedLoopbackPort()
        let probe = try await PerfkitBinary.run(["monitor", "http://127.0.0.1:\(port)/", "--threshold", "error_rate:1%",
                                                 "--duration", "5m"])
        #expect(probe.exitCode == 4)
        #expect(probe.stderr.contains("target unreachable: http://127.0.0.1:\(port)/ (refused)"), "\(probe.stderr)")
        #expect(probe.stdout.isEmpty)
        let prometheus = try await PerfkitBinary.run(["monitor", "--prometheus", "http://127.0.0.1:\(port)", "--query", "x=up",
                                                      "--threshold", "x:1", "--duration", "30s"])
        #expect(prometheus.exitCode == 4)
        #expect(prometheus.stderr.contains("--query x: Prometheus at http://127.0.0.1:\(port) cannot be reached (refused)"),
                "\(prometheus.stderr)")
    }

    @Test(.tags(.timing)) func prometheusSeesAHealthyTargetHoldForTheWholeDuration() async throws {
        try await withDemoServer { server in
            try await PrometheusServer.with(scraping: server.port) { prometheus in
                let outcome = try await Self.withTraffic(to: server) {
                    try await PerfkitBinary.run(Self.prometheusMonitor(prometheus, duration: Self.duration))
                }
                #expect(outcome.exitCode == 0, "\(outcome.stdout)\n\(outcome.stderr)")
                #expect(outcome.stdout.contains("prometheus  ok"), "\(outcome.stdout)")
                #expect(outcome.stdout.split(separator: "\n").last?.hasPrefix("monitor: PASS") == true)
                #expect(outcome.stderr.contains("nothing stored"))
                let badQuery = try await PerfkitBinary.run(["monitor", "--prometheus", prometheus.baseURL, "--query", "x=sum(",
                                                            "--threshold", "x:1", "--duration", "10s"])
                #expect(badQuery.exitCode == 2)
                #expect(badQuery.stderr.contains("--query x: Prometheus rejected the query (bad_data)"), "\(badQuery.stderr)")
            }
        }
    }

    @Test(.tags(.timing)) func prometheusSeesAnErrorRateRaisedMidRunAndFailsWithinTheForPeriod() async throws {
        try await withDemoServer { server in
            try await PrometheusServer.with(scraping: server.port) { prometheus in
                let (outcome, delay) = try await Self.withTraffic(to: server) {
                    let running = try PerfkitBinary.launch(Self.prometheusMonitor(prometheus, duration: 30))
                    try await Self.waitForJudgedLine(running, saying: "prometheus  ok")
                    try server.setErrorRate(0.5)
                    let faultStarted = ContinuousClock.now
                    let outcome = try await running.wait(timeout: .seconds(30))
                    return (outcome, ContinuousClock.now - faultStarted)
                }
                print("monitor (prometheus): breach detected \(delay) after the fault started (bar: \(Self.prometheusBar))")
                #expect(outcome.exitCode == 1, "\(outcome.stdout)\n\(outcome.stderr)")
                #expect(delay <= Self.prometheusBar + Self.margin)
                #expect(outcome.stdout.contains("monitor: FAIL  errors"), "\(outcome.stdout)")
            }
        }
    }

    // MARK: Helpers

    /// `--for` + one window + 2 s.
    static var bar: Duration { .seconds(sustain + window + 2) }
    /// The same for Prometheus, whose window is the query's range.
    static var prometheusBar: Duration { .seconds(sustain + queryRange + 2) }
    static let queryRange = 5

    private static func prometheusMonitor(_ prometheus: PrometheusServer, duration: Int) -> [String] {
        ["monitor", "--prometheus", prometheus.baseURL, "--duration", "\(duration)s", "--for", "\(sustain)s",
         // `or vector(0)`: before the first 5xx there is no 5xx series, and an empty numerator would be no data.
         "--query", #"errors=(sum(rate(http_requests_total{status=~"5.."}[\#(queryRange)s])) or vector(0)) / sum(rate(http_requests_total[\#(queryRange)s]))"#,
         "--threshold", "errors:0.05"]
    }

    /// Runs `body` while a perfkit of their own sends steady requests to the demo target for
    /// Prometheus to see; that perfkit is stopped by its PID afterwards, however `body` ends.
    private static func withTraffic<T>(to server: DemoServer, _ body: () async throws -> T) async throws -> T {
        let traffic = try PerfkitBinary.launch(["latency", server.baseURL + "/api/signals", "--rate", "50",
                                                "--duration", "60s", "--no-store", "-q"])
        defer { traffic.signal(SIGKILL) }
        let value = try await body()
        traffic.signal(SIGINT)
        _ = try await traffic.wait(timeout: .seconds(10))
        return value
    }

    /// Waits until the monitor has judged an evaluation that held, so the fault starts mid-run.
    private static func waitForJudgedLine(_ running: RunningPerfkit, saying marker: String = #""state":"ok""#) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while !running.stdoutSoFar.contains(marker) {
            guard ContinuousClock.now < deadline, !running.hasExited else {
                running.signal(SIGKILL)
                throw NotJudged(stdout: running.stdoutSoFar, stderr: running.stderrSoFar)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    struct NotJudged: Error {
        let stdout: String
        let stderr: String
    }
}
