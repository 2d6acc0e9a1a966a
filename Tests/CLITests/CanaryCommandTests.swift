import DemoTarget
import Foundation
import Testing
import TestSupport

/// `perfkit canary` against two in-process demo targets (the baseline and the canary), probing
/// and through a real Prometheus scraping both: identical versions promote (exit 0); a canary
/// 30% slower, or failing 5% of requests, is rolled back at the end of the first interval
/// (exit 1), long before the duration is over; a slowdown both suffer from mid-run promotes.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct CanaryCommandTests {
    /// Short intervals keep the suite short; the issue's bars (10 s intervals, many tries) are
    /// `bench/canary-bars`.
    static let interval = 2
    /// Per version: 300 requests an interval, so that 5% errors are significant in all but
    /// about one interval in 6,000 (binomial; 4 errors are needed).
    static let rate = 150
    /// Spare time for a loaded two-core machine, on top of the first interval.
    static let margin: Duration = .seconds(4)

    /// The demo target's 20 ms answer, with jitter so that latencies spread as a service's do.
    static let stable = DemoTargetConfiguration(port: 0, version: "v1.2.2", latency: .milliseconds(20), jitter: .milliseconds(4))

    private static func slowed(_ configuration: DemoTargetConfiguration, by factor: Double, version: String) -> DemoTargetConfiguration {
        var slowed = configuration
        slowed.latency = configuration.latency * factor
        slowed.jitter = configuration.jitter * factor
        slowed.version = version
        return slowed
    }

    private static func canary(_ baseline: DemoServer, _ canary: DemoServer, duration: Int, store: String? = nil,
                               path: String = "/api/prices/EURUSD", extra: [String] = []) -> [String] {
        ["canary", "--baseline", baseline.baseURL + path, "--canary", canary.baseURL + path,
         "--duration", "\(duration)s", "--interval", "\(interval)s", "--rate", "\(rate)",
         "--baseline-version", "v1.2.2", "--canary-version", "v1.2.3"]
            + (store.map { ["--store", $0] } ?? ["--no-store"]) + extra
    }

    // MARK: Probing

    @Test func identicalVersionsArePromotedAndBothSidesStored() async throws {
        let folder = try TemporaryFolder()
        let store = folder.path("canary.sqlite")
        let outcome = try await withVersions(Self.stable, Self.stable) { baseline, canary in
            try await PerfkitBinary.run(Self.canary(baseline, canary, duration: 2 * Self.interval, store: store))
        }
        #expect(outcome.exitCode == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(outcome.stdout)")
        #expect(lines.dropLast().allSatisfy { $0.contains("] OK score 100.0") }, "\(outcome.stdout)")
        #expect(lines.last?.hasPrefix("canary: PROMOTE") == true, "\(outcome.stdout)")
        #expect(outcome.stderr.contains("as versions v1.2.2, v1.2.3, scenario canary"), "\(outcome.stderr)")
        // Stored as two versions of one scenario: `compare` reads them like any others.
        let compare = try await PerfkitBinary.run(["compare", "--baseline-version", "v1.2.2", "--current-version", "v1.2.3",
                                                   "--scenario", "canary", "--store", store])
        #expect([0, 1].contains(compare.exitCode), "\(compare.stdout)\n\(compare.stderr)")
        #expect(compare.stdout.contains("GET /api/prices/EURUSD"), "\(compare.stdout)")
        // Either side's run gives the judgment page, with both sides drawn.
        let page = folder.path("canary.html")
        let report = try await PerfkitBinary.run(["report", "--run", "2", "--store", store, "--output", page])
        #expect(report.exitCode == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<h1>Canary v1.2.3 against v1.2.2</h1>"))
        #expect(html.contains("PROMOTE: score 100.0 after 2 intervals"))
        #expect(html.components(separatedBy: #"<tr class="unchanged">"#).count - 1 == 4, "2 intervals × 2 metrics, all pass")
        #expect(html.contains("v1.2.2, run #1") && html.contains("v1.2.3, run #2"), "both sides' timelines")
    }

    @Test(.tags(.timing)) func aCanaryThirtyPercentSlowerIsRolledBackAtTheEndOfTheFirstInterval() async throws {
        let started = ContinuousClock.now
        let outcome = try await withVersions(Self.stable, Self.slowed(Self.stable, by: 1.3, version: "v1.2.3")) { baseline, canary in
            try await PerfkitBinary.run(Self.canary(baseline, canary, duration: 30, extra: ["--format", "json"]))
        }
        let took = ContinuousClock.now - started
        #expect(outcome.exitCode == 1, "\(outcome.stdout)\n\(outcome.stderr)")
        let result = try jsonObject(String(try #require(outcome.stdout.split(separator: "\n").last)))
        #expect(result["result"] as? String == "rollback")
        #expect(result["rolled_back_at_interval"] as? Int == 1, "\(outcome.stdout)")
        let first = try jsonObject(String(try #require(outcome.stdout.split(separator: "\n").first)))
        let latency = try #require((first["metrics"] as? [[String: Any]])?.first)
        #expect(latency["classification"] as? String == "worse")
        #expect(try #require(latency["effect"] as? Double) > 0.2, "\(latency)")
        // Catches a judge that waits for the end of --duration (30 s) instead of rolling back at once.
        #expect(took < .seconds(Self.interval) + Self.margin + .seconds(2), "took \(took)")
    }

    @Test func aCanaryFailingFivePercentOfRequestsIsRolledBackAtTheEndOfTheFirstInterval() async throws {
        var failing = Self.stable
        failing.errorRate = 0.05
        failing.version = "v1.2.3"
        let outcome = try await withVersions(Self.stable, failing) { baseline, canary in
            try await PerfkitBinary.run(Self.canary(baseline, canary, duration: 30))
        }
        #expect(outcome.exitCode == 1, "\(outcome.stdout)\n\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.first?.contains("[interval 1 0-2s] ROLLBACK") == true, "\(outcome.stdout)")
        #expect(lines.first?.contains("error_rate worse") == true, "\(outcome.stdout)")
        #expect(lines.last?.hasPrefix("canary: ROLLBACK  interval 1") == true, "\(outcome.stdout)")
    }

    @Test func aSlowdownSharedByBothVersionsMidRunIsPromoted() async throws {
        // Both 50% slower from the first interval's end on, as when a shared database slows down:
        // absolute limits would cry wolf; the comparison of the two versions does not.
        let outcome = try await withVersions(Self.stable, Self.stable) { baseline, canary in
            let running = try PerfkitBinary.launch(Self.canary(baseline, canary, duration: 3 * Self.interval))
            let deadline = ContinuousClock.now + .seconds(20)
            while !running.stdoutSoFar.contains("[interval 1"), ContinuousClock.now < deadline, !running.hasExited {
                try await Task.sleep(for: .milliseconds(20))
            }
            try baseline.setSlowdown(1.5)
            try canary.setSlowdown(1.5)
            return try await running.wait(timeout: .seconds(30))
        }
        #expect(outcome.exitCode == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        let last = try #require(outcome.stdout.split(separator: "\n").dropLast().last)
        #expect(last.contains("[interval 3") && last.contains("median 3"), "latencies of about 33 ms by then: \(outcome.stdout)")
    }

    @Test func sigintStopsTheCanaryAndStoresBothSides() async throws {
        let outcome = try await withVersions(Self.stable, Self.stable) { baseline, canary in
            let running = try PerfkitBinary.launch(Self.canary(baseline, canary, duration: 60, store: PerfkitBinary.scratchStore))
            let deadline = ContinuousClock.now + .seconds(20)
            while !running.stdoutSoFar.contains("[interval 1"), ContinuousClock.now < deadline, !running.hasExited {
                try await Task.sleep(for: .milliseconds(50))
            }
            running.signal(SIGINT)
            return try await running.wait(timeout: .seconds(15))
        }
        #expect(outcome.exitCode == 130, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stdout.split(separator: "\n").last?.hasPrefix("canary: INTERRUPTED after") == true, "\(outcome.stdout)")
        #expect(outcome.stderr.contains("(2 steps) as versions v1.2.2, v1.2.3, scenario canary"), "\(outcome.stderr)")
    }

    @Test func anUnreachableVersionOrPrometheusExitsFourBeforeJudging() async throws {
        let port = unusedLoopbackPort()
        try await withDemoServer { server in
            let probe = try await PerfkitBinary.run(["canary", "--baseline", server.baseURL + "/healthz",
                                                     "--canary", "http://127.0.0.1:\(port)/healthz", "--duration", "10s",
                                                     "--interval", "5s", "--no-store"])
            #expect(probe.exitCode == 4, "\(probe.stderr)")
            #expect(probe.stderr.contains("target unreachable: http://127.0.0.1:\(port)/healthz (refused)"), "\(probe.stderr)")
            #expect(probe.stdout.isEmpty)
        }
        let prometheus = try await PerfkitBinary.run(["canary", "--prometheus", "http://127.0.0.1:\(port)",
                                                      "--query", "x=up{{{group}}}", "--baseline-group", #"version="a""#,
                                                      "--canary-group", #"version="b""#, "--duration", "10s", "--interval", "5s"])
        #expect(prometheus.exitCode == 4, "\(prometheus.stderr)")
        #expect(prometheus.stderr.contains("cannot be reached (refused)"), "\(prometheus.stderr)")
    }

    @Test(arguments: [
        (["--duration", "-5s"], "--duration"),
        (["--duration", "400d"], "--duration"),
        (["--interval", "20s", "--duration", "10s"], "--interval"),
        (["--interval", "1.5s"], "--interval"),
        (["--metrics", "latency,throughput"], "--metrics"),
        (["--prometheus", "http://127.0.0.1:9", "--query", "q=rate(x[1m])", "--baseline-group", "a", "--canary-group", "b"], "--query"),
        (["--tolerance", "latency=-3%"], "--tolerance"),
        (["--fail-score", "120"], "--fail-score"),
        (["--alpha", "0"], "--alpha"),
        (["--baseline-version", "v1\u{1B}[2J"], "--baseline-version"),
        (["--interval", "1s", "--rate", "2"], "--interval"),
        // The two URLs are flags: a third, positional one is no target of the canary's.
        (["http://127.0.0.1:9/other"], "Unexpected argument 'http://127.0.0.1:9/other'"),
    ])
    func badInputExitsTwoNamingTheFlag(flags: [String], flag: String) async throws {
        let outcome = try await PerfkitBinary.run(["canary", "--baseline", "http://127.0.0.1:9/", "--canary", "http://127.0.0.1:9/",
                                                   "--interval", "5s", "--duration", "30s", "--no-store"] + flags)
        #expect(outcome.exitCode == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(flag), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func theRunbooksSpellingIsAnAlias() async throws {
        let outcome = try await PerfkitBinary.run(["monitor-canary", "--duration=2h", "--metrics=latency,error_rate,trading_pnl"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("--metrics"), "reaches the canary's own checks: \(outcome.stderr)")
    }

    // MARK: Prometheus

    @Test func prometheusGroupsGiveTheSameVerdicts() async throws {
        var twin = Self.stable
        twin.version = "v1.2.2-twin"
        let slower = Self.slowed(Self.stable, by: 1.3, version: "v1.2.3")
        try await withVersions(Self.stable, slower) { baseline, canary in
            try await withDemoServer(twin) { twin in
                let scraped = [(baseline.port, ["version": "v1.2.2"]), (twin.port, ["version": "v1.2.2-twin"]),
                               (canary.port, ["version": "v1.2.3"])]
                try await PrometheusServer.with(scraping: scraped) { prometheus in
                    // The probes send the traffic Prometheus sees; only the queries are judged.
                    let slowerJudged = try await PerfkitBinary.run(
                        Self.canary(baseline, canary, duration: 20, path: "/api/orders", extra: Self.prometheusFlags(prometheus, canary: "v1.2.3")))
                    #expect(slowerJudged.exitCode == 1, "\(slowerJudged.stdout)\n\(slowerJudged.stderr)")
                    #expect(slowerJudged.stdout.contains("[interval 1 0-5s] ROLLBACK"), "\(slowerJudged.stdout)")
                    #expect(slowerJudged.stdout.contains("mean_latency worse"), "\(slowerJudged.stdout)")
                    let identical = try await PerfkitBinary.run(
                        Self.canary(baseline, twin, duration: 10, path: "/api/orders", extra: Self.prometheusFlags(prometheus, canary: "v1.2.2-twin")))
                    #expect(identical.exitCode == 0, "\(identical.stdout)\n\(identical.stderr)")
                    #expect(identical.stdout.contains("mean_latency pass"), "\(identical.stdout)")
                    #expect(identical.stdout.contains("trading_pnl pass"), "judged, lower is worse: \(identical.stdout)")
                    let noGroup = try await PerfkitBinary.run(["canary", "--prometheus", prometheus.baseURL, "--query", "x=sum(up)",
                                                               "--baseline-group", "a", "--canary-group", "b", "--duration", "10s",
                                                               "--interval", "5s"])
                    #expect(noGroup.exitCode == 2)
                    #expect(noGroup.stderr.contains("no {{group}}"), "\(noGroup.stderr)")
                }
            }
        }
    }

    /// Prometheus' points are a second apart: 5 s intervals give six a side, enough for the
    /// exact test to reach p < 0.05.
    private static func prometheusFlags(_ prometheus: PrometheusServer, canary version: String) -> [String] {
        // The probes place orders, so that both versions book profit and loss for `trading_pnl`.
        ["--method", "POST", "--body", #"{"symbol":"EURUSD","side":"buy","quantity":1000}"#,
         "--interval", "5s", "--prometheus", prometheus.baseURL, "--metrics", "mean_latency,errors,trading_pnl",
         "--query", "trading_pnl=sum(deriv(trading_pnl{{{group}}}[3s]))",
         "--query", "mean_latency=sum(rate(http_request_duration_seconds_sum{{{group}}}[2s])) / sum(rate(http_request_duration_seconds_count{{{group}}}[2s]))",
         // `or vector(0)`: before the first 5xx there is no 5xx series, and an empty numerator would be no data.
         "--query", #"errors=(sum(rate(http_requests_total{{{group}},status=~"5.."}[2s])) or vector(0)) / sum(rate(http_requests_total{{{group}}}[2s]))"#,
         "--baseline-group", #"version="v1.2.2""#, "--canary-group", #"version="\#(version)""#]
    }

    // MARK: Helpers

    /// Runs `body` with two demo targets started for it, the baseline and the canary.
    private func withVersions<T>(_ baseline: DemoTargetConfiguration, _ canary: DemoTargetConfiguration,
                                 _ body: (DemoServer, DemoServer) async throws -> T) async throws -> T {
        try await withDemoServer(baseline) { baselineServer in
            try await withDemoServer(canary) { canaryServer in try await body(baselineServer, canaryServer) }
        }
    }
}
