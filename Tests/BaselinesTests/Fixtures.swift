import Baselines
import Foundation
import Histogram
import Histograms
import Units

enum Fixtures {
    /// perfkit's latency range: 1 µs to 60 s.
    static let highestTrackable: UInt64 = 60_000_000

    /// A latency histogram shaped like a real run: log-normal around `medianMicroseconds`, a
    /// slow tail to seconds, and the range's extremes (1 µs and 60 s) recorded once each.
    static func latencyHistogram(count: Int = 100_000, medianMicroseconds: Double = 2_000,
                                 digits: SignificantDigits = .three, seed: UInt64 = 1) -> Histogram<UInt64> {
        var generator = SplitMix64(seed: seed)
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: highestTrackable,
                                          numberOfSignificantValueDigits: digits)
        for index in 0..<count {
            // Box-Muller: a standard normal from two uniforms.
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
            let u2 = Double.random(in: 0..<1, using: &generator)
            let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
            let spread = index % 100 == 0 ? 1.5 : 0.4
            let value = medianMicroseconds * exp(spread * normal)
            histogram.record(UInt64(min(max(value, 1), Double(highestTrackable))))
        }
        histogram.record(1)
        histogram.record(highestTrackable)
        return histogram
    }

    /// A histogram holding `values`.
    static func histogram(_ values: [UInt64], lowest: UInt64 = 1, highest: UInt64 = highestTrackable,
                          digits: SignificantDigits = .three) -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: lowest, highestTrackableValue: highest,
                                          numberOfSignificantValueDigits: digits)
        for value in values { histogram.record(value) }
        return histogram
    }

    /// A run with every field set: several metrics (one of them empty), a 30-second series,
    /// status codes and errors.
    static func run(version: String = "v1.2.3", scenario: String = "latency", startedAt: Date = Date(),
                    status: RunStatus = .completed, seed: UInt64 = 1) -> RunRecord {
        let series = (0..<30).map { second in
            SeriesPoint(second: second, requests: 1_000 + second, errors: second % 7, p50: 2_000 + UInt64(second),
                        p90: 3_500, p95: 4_200, p99: 9_000, p999: 25_000, mean: 2_345.678 + Double(second) / 3,
                        intendedRate: second % 2 == 0 ? 1_000 : nil)
        }
        return record(version: version, scenario: scenario, startedAt: startedAt, status: status, histograms: [
            "latency": HistogramSnapshot(latencyHistogram(count: 30_000, seed: seed)),
            "service_time": HistogramSnapshot(latencyHistogram(count: 30_000, medianMicroseconds: 1_800,
                                                               seed: seed &+ 1)),
            "connect": HistogramSnapshot(histogram([120, 135, 180, 2_400], digits: .two)),
            "tls": HistogramSnapshot(histogram([])),
        ], series: series)
    }

    /// A run with one tiny histogram and no series: cheap to build and store by the thousand.
    static func smallRun(version: String, scenario: String, startedAt: Date, status: RunStatus = .completed)
        -> RunRecord {
        record(version: version, scenario: scenario, startedAt: startedAt, status: status,
               histograms: ["latency": HistogramSnapshot(histogram([1_000, 2_000, 3_000]))], series: [])
    }

    private static func record(version: String, scenario: String, startedAt: Date, status: RunStatus,
                               histograms: [String: HistogramSnapshot], series: [SeriesPoint]) -> RunRecord {
        RunRecord(
            version: version, scenario: scenario, step: "GET /api/signals",
            targetURL: "http://127.0.0.1:8080/api/signals?symbol=ACME",
            configJSON: #"{"command":"latency","headers":["Authorization: <redacted>"],"rate":1000}"#,
            host: HostFingerprint(cpuModel: "Intel(R) Xeon(R) CPU @ 2.20GHz", cores: 2, memoryBytes: 8 << 30,
                                  kernel: "6.1.0-18-cloud-amd64"),
            perfkitVersion: "0.3.0", startedAt: startedAt, endedAt: startedAt.addingTimeInterval(30.000_123_4),
            status: status,
            counts: RunCounts(sent: 30_000, completed: 29_990, responses: 29_950, failures: 45, dropped: 3,
                              unfinished: 7),
            intendedRate: 1_000, achievedRate: 999.666_666_7,
            statusCodes: [200: 29_905, 503: 45], errors: ["timeout": 40, "http_5xx": 45],
            histograms: histograms, series: series)
    }

    /// `histogram`'s Codable form, keys sorted: equal bytes mean equal histograms, down to
    /// the exact minimum and maximum they tracked.
    static func canonicalJSON(_ histogram: Histogram<UInt64>) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(histogram)
    }
}

/// Export documents written the way another tool might: plain `JSONEncoder`, ISO 8601 dates
/// in whole seconds.
enum ExportDocument {
    static func encode(_ runs: [RunRecord], format: String = "perfkit-baselines", formatVersion: Int = 1) throws -> Data {
        struct Document: Encodable {
            var format: String
            var format_version: Int
            var runs: [RunRecord]
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(Document(format: format, format_version: formatVersion, runs: runs))
    }
}
