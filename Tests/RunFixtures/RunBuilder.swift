import Baselines
import Foundation
import Histogram

/// Builds a synthetic stored run: every request's latency drawn around a level (log-normal,
/// like real latency), recorded into the run's HDR histogram and into a per-second series.
struct RunBuilder {
    var version = "v1.2.2"
    var scenario = "latency"
    var step = "GET /api/prices"
    /// Median request latency, milliseconds.
    var latencyMilliseconds = 10.0
    /// Spread of request latencies (sigma of the log-normal).
    var spread = 0.25
    /// Run-to-run variation of the level (sigma of a log-normal factor), as between real runs.
    var runNoise = 0.02
    var seconds = 30
    var requestsPerSecond = 200
    /// Fraction of requests that fail, spread evenly over the seconds.
    var errorRate = 0.0
    var host = RunBuilder.testHost
    var status = RunStatus.completed
    var seed: UInt64 = 1

    static let testHost = HostFingerprint(cpuModel: "Test CPU @ 2.0GHz", cores: 2, memoryBytes: 8 << 30,
                                          kernel: "6.1.0-test")

    func build() -> RunRecord {
        var random = SeededRandom(seed: seed)
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000,
                                          numberOfSignificantValueDigits: .three)
        let level = latencyMilliseconds * 1_000 * exp(runNoise * random.normal())
        var series: [SeriesPoint] = []
        var errorCarry = 0.0
        var total = 0, failures = 0
        for second in 0..<seconds {
            // Requests per second wobble by a few percent, as an open-model run's do.
            let requests = max(1, Int((Double(requestsPerSecond) * (1 + 0.02 * random.normal())).rounded()))
            var latencies = (0..<requests).map { _ in UInt64(max(1, level * exp(spread * random.normal()))) }
            for latency in latencies { histogram.record(latency) }
            latencies.sort()
            errorCarry += errorRate * Double(requests)
            let errors = Int(errorCarry)
            errorCarry -= Double(errors)
            total += requests
            failures += errors
            func at(_ fraction: Double) -> UInt64 {
                latencies[min(latencies.count - 1, Int((fraction * Double(latencies.count)).rounded(.up)) - 1)]
            }
            let mean = Double(latencies.reduce(0, +)) / Double(latencies.count)
            series.append(SeriesPoint(second: second, requests: requests, errors: errors, p50: at(0.5), p90: at(0.9),
                                      p95: at(0.95), p99: at(0.99), p999: at(0.999), mean: mean,
                                      intendedRate: Double(requestsPerSecond)))
        }
        let start = Date(timeIntervalSince1970: 1_700_000_000 + Double(seed))
        return RunRecord(
            version: version, scenario: scenario, step: step, targetURL: "http://127.0.0.1:8083/api/prices/ACME",
            configJSON: "{}", host: host, perfkitVersion: "test", startedAt: start,
            endedAt: start.addingTimeInterval(Double(seconds)), status: status,
            counts: RunCounts(sent: total, completed: total, responses: total, failures: failures, dropped: 0,
                              unfinished: 0),
            intendedRate: Double(requestsPerSecond), achievedRate: Double(total) / Double(seconds),
            statusCodes: [200: total - failures, 500: failures], errors: failures > 0 ? ["http_5xx": failures] : [:],
            histograms: ["latency": HistogramSnapshot(histogram)], series: series)
    }

    /// `count` runs with consecutive seeds from `seed`.
    func runs(_ count: Int) -> [RunRecord] {
        (0..<count).map { index in
            var builder = self
            builder.seed = seed &+ UInt64(index) &* 7919
            return builder.build()
        }
    }

    /// This builder for another version and seed, with `change` applied.
    func with(version: String, seed: UInt64, _ change: (inout RunBuilder) -> Void = { _ in }) -> RunBuilder {
        var builder = self
        builder.version = version
        builder.seed = seed
        change(&builder)
        return builder
    }
}
