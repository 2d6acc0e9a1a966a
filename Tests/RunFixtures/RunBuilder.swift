import Baselines
import Foundation
import Histogram
import Histograms

/// Builds a synthetic stored run: every request's latency drawn around a level (log-normal,
/// like real latency), recorded into the run's HDR histogram and into a per-second series.
public struct RunBuilder {
    public var version: String
    public var scenario: String
    public var step: String
    /// Median request latency, milliseconds.
    public var latencyMilliseconds: Double
    /// Spread of request latencies (sigma of the log-normal).
    public var spread: Double
    /// Run-to-run variation of the level (sigma of a log-normal factor), as between real runs.
    public var runNoise: Double
    public var seconds: Int
    public var requestsPerSecond: Int
    /// Fraction of requests that fail, spread evenly over the seconds.
    public var errorRate: Double
    public var host: HostFingerprint
    public var status: RunStatus
    public var seed: UInt64
    /// Whether the run also gets service-time, wait and phase histograms (the HTML report draws
    /// them), derived from each latency without further random draws, so the latency
    /// histogram is the same either way.
    public var recordsPhases: Bool

    public static let testHost = HostFingerprint(cpuModel: "Test CPU @ 2.0GHz", cores: 2, memoryBytes: 8 << 30,
                                                 kernel: "6.1.0-test")

    /// Connections a run opens: DNS and connect are timed on the first request of each.
    fileprivate static let connections = 16

    public init(version: String = "v1.2.2", scenario: String = "latency", step: String = "GET /api/prices",
                latencyMilliseconds: Double = 10, spread: Double = 0.25, runNoise: Double = 0.02, seconds: Int = 30,
                requestsPerSecond: Int = 200, errorRate: Double = 0, host: HostFingerprint = RunBuilder.testHost,
                status: RunStatus = .completed, seed: UInt64 = 1, recordsPhases: Bool = false) {
        self.version = version
        self.scenario = scenario
        self.step = step
        self.latencyMilliseconds = latencyMilliseconds
        self.spread = spread
        self.runNoise = runNoise
        self.seconds = seconds
        self.requestsPerSecond = requestsPerSecond
        self.errorRate = errorRate
        self.host = host
        self.status = status
        self.seed = seed
        self.recordsPhases = recordsPhases
    }

    public func build() -> RunRecord {
        var random = SeededRandom(seed: seed)
        var histogram = Self.histogram()
        var phases = PhaseHistograms()
        let level = latencyMilliseconds * 1_000 * exp(runNoise * random.normal())
        var series: [SeriesPoint] = []
        var errorCarry = 0.0
        var total = 0, failures = 0
        for second in 0..<seconds {
            // Requests per second wobble by a few percent, as an open-model run's do.
            let requests = max(1, Int((Double(requestsPerSecond) * (1 + 0.02 * random.normal())).rounded()))
            var latencies = (0..<requests).map { _ in UInt64(max(1, level * exp(spread * random.normal()))) }
            for latency in latencies {
                histogram.record(latency)
                if recordsPhases { phases.record(latency) }
            }
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
        var histograms = ["latency": HistogramSnapshot(histogram)]
        if recordsPhases { histograms.merge(phases.snapshots()) { $1 } }
        return RunRecord(
            version: version, scenario: scenario, step: step, targetURL: "http://127.0.0.1:8083/api/prices/ACME",
            configJSON: "{}", host: host, perfkitVersion: "test", startedAt: start,
            endedAt: start.addingTimeInterval(Double(seconds)), status: status,
            counts: RunCounts(sent: total, completed: total, responses: total, failures: failures, dropped: 0,
                              unfinished: 0),
            intendedRate: Double(requestsPerSecond), achievedRate: Double(total) / Double(seconds),
            statusCodes: [200: total - failures, 500: failures], errors: failures > 0 ? ["http_5xx": failures] : [:],
            histograms: histograms, series: series)
    }

    /// `count` runs with consecutive seeds from `seed`.
    public func runs(_ count: Int) -> [RunRecord] {
        (0..<count).map { index in
            var builder = self
            builder.seed = seed &+ UInt64(index) &* 7919
            return builder.build()
        }
    }

    /// This builder for another version and seed, with `change` applied.
    public func with(version: String, seed: UInt64, _ change: (inout RunBuilder) -> Void = { _ in }) -> RunBuilder {
        var builder = self
        builder.version = version
        builder.seed = seed
        change(&builder)
        return builder
    }

    /// perfkit's histogram configuration: 1 µs to 60 s, three significant digits.
    fileprivate static func histogram() -> Histogram<UInt64> {
        Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000,
                          numberOfSignificantValueDigits: .three)
    }
}

/// Service time, wait and phase histograms split from each request's latency in fixed
/// proportions: a fifth of it waiting for a connection, then time to first byte and transfer;
/// DNS and connect on the first request of each connection; no TLS (plain HTTP).
private struct PhaseHistograms {
    private var histograms = ["service_time", "wait", "dns", "connect", "tls", "ttfb", "transfer"]
        .reduce(into: [String: Histogram<UInt64>]()) { $0[$1] = RunBuilder.histogram() }
    private(set) var count = 0

    mutating func record(_ latency: UInt64) {
        let service = max(1, latency * 4 / 5)
        histograms["service_time"]?.record(service)
        histograms["wait"]?.record(latency - service)
        histograms["ttfb"]?.record(max(1, service * 9 / 10))
        histograms["transfer"]?.record(max(1, service / 10))
        if count < RunBuilder.connections {
            histograms["dns"]?.record(UInt64(30 + count % 7 * 5))
            histograms["connect"]?.record(UInt64(90 + count % 5 * 10))
        }
        count += 1
    }

    func snapshots() -> [String: HistogramSnapshot] {
        histograms.mapValues(HistogramSnapshot.init)
    }
}
