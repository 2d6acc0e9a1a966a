import Baselines
import Foundation
import Histograms
import LoadEngine
import Units

/// The machine-readable summary of one run: the `--format json` document. Its keys are
/// stable and documented in the README ("JSON summary"); add keys, never rename them.
public struct RunSummary: Codable, Sendable {
    /// Percentiles of one timing, milliseconds.
    public struct Timing: Codable, Sendable, Equatable {
        public var count: UInt64
        public var min: Double, mean: Double, p50: Double, p90: Double, p95: Double, p99: Double, p999: Double, max: Double

        enum CodingKeys: String, CodingKey {
            case count, min, mean, p50, p90, p95, p99, p999 = "p99_9", max
        }

        public init(_ summary: PercentileReadout) {
            count = summary.count
            min = Self.milliseconds(summary.min)
            mean = summary.mean.rounded() / 1_000
            p50 = Self.milliseconds(summary.p50)
            p90 = Self.milliseconds(summary.p90)
            p95 = Self.milliseconds(summary.p95)
            p99 = Self.milliseconds(summary.p99)
            p999 = Self.milliseconds(summary.p999)
            max = Self.milliseconds(summary.max)
        }

        private static func milliseconds(_ microseconds: UInt64) -> Double { Double(microseconds) / 1_000 }
    }

    /// Request counts: the stored run's `RunCounts`, with the intended count and the error
    /// rate beside them in the same JSON object.
    @dynamicMemberLookup
    public struct Requests: Codable, Sendable {
        public var intended: Int?
        public var counts: RunCounts
        public var errorRate: Double

        public init(_ measured: Measurements) {
            intended = measured.intendedRequests
            counts = RunCounts(measured)
            errorRate = counts.errorRate
        }

        /// `requests.sent` and the other counts, read straight from `counts`.
        public subscript<Value>(dynamicMember count: KeyPath<RunCounts, Value>) -> Value { counts[keyPath: count] }

        private enum CodingKeys: String, CodingKey {
            case intended, errorRate
        }

        public init(from decoder: any Decoder) throws {
            counts = try RunCounts(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            intended = try container.decodeIfPresent(Int.self, forKey: .intended)
            errorRate = try container.decode(Double.self, forKey: .errorRate)
        }

        public func encode(to encoder: any Encoder) throws {
            try counts.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(intended, forKey: .intended)
            try container.encode(errorRate, forKey: .errorRate)
        }
    }

    /// One second of the timeline.
    public struct SeriesPoint: Codable, Sendable {
        public var second: Int
        public var requests: Int
        public var errors: Int
        public var p50Ms: Double, p95Ms: Double, p99Ms: Double
        public var intendedRate: Double?
    }

    public var perfkitVersion: String
    public var command: String
    public var target: String
    public var method: String
    public var status: RunOutcome
    public var passed: Bool
    public var model: String
    public var startedAt: String
    public var durationSeconds: Double
    public var plannedDurationSeconds: Double
    public var connections: Int
    /// Transport threads.
    public var threads: Int
    /// An open model's arrival schedule in words (`1.0→200.0/s over 5m`); nil for a closed one.
    public var schedule: String?
    /// An open model's limit on requests waiting or in flight; nil for a closed one.
    public var maxInFlight: Int?
    public var intendedRate: Double?
    public var achievedRate: Double
    public var requests: Requests
    public var statusCodes: [String: Int]
    public var errors: [String: Int]
    public var latencyMs: Timing
    public var serviceTimeMs: Timing
    public var phasesMs: [String: Timing]
    public var bytesReceived: Int64
    public var targets: [TargetSummary]
    public var series: [SeriesPoint]

    /// Summarises `result` of `command` checked against `checks`.
    public init(command: String, result: RunResult, checks: [TargetCheck]) {
        perfkitVersion = PerfkitVersion.current
        self.command = command
        target = Redaction.redactURL(result.plan.request.url)
        method = result.plan.request.method
        status = result.outcome
        passed = result.outcome == .completed && checks.allSatisfy(\.passed)
        switch result.plan.model {
        case .open(let arrivals, let limit):
            model = "open"
            schedule = LoadDescription.describe(arrivals)
            maxInFlight = limit
        case .closed:
            model = "closed"
        }
        startedAt = Timestamp.string(from: result.startedAt, precision: .seconds)
        durationSeconds = (result.elapsed.seconds * 1_000).rounded() / 1_000
        plannedDurationSeconds = result.plan.model.sendingDuration.seconds
        connections = result.plan.transport.connections
        threads = result.plan.transport.threads
        intendedRate = result.intendedRate
        achievedRate = (result.achievedRate * 100).rounded() / 100
        requests = Requests(result.measurements)
        statusCodes = Dictionary(uniqueKeysWithValues: result.statusCounts.map { (String($0.key), $0.value) })
        errors = ErrorKind.countsByName(result.errors)
        latencyMs = Timing(result.percentiles(.latency))
        serviceTimeMs = Timing(result.percentiles(.serviceTime))
        phasesMs = Dictionary(uniqueKeysWithValues: LatencyMetric.phases.map { ($0.rawValue, Timing(result.percentiles($0))) })
        bytesReceived = result.bytesReceived
        targets = checks.map(TargetSummary.init)
        series = result.series.map {
            SeriesPoint(second: $0.second, requests: $0.requests, errors: $0.errors,
                        p50Ms: Double($0.p50) / 1_000, p95Ms: Double($0.p95) / 1_000, p99Ms: Double($0.p99) / 1_000,
                        intendedRate: $0.intendedRate)
        }
    }

    /// The summary as pretty JSON with sorted, snake_case keys.
    public func json() throws -> Data { try Self.encoder.encode(self) }

    /// Reads what `encoder` writes. Foundation's `convertFromSnakeCase` would turn `p99_9` into
    /// `p999` and `http_4xx` into `http4xx`, so a part after `_` that starts with a digit keeps
    /// its underscore.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            let key = path.last!.stringValue
            let parts = key.split(separator: "_", omittingEmptySubsequences: false)
            var camel = String(parts[0])
            for part in parts.dropFirst() {
                camel += part.first?.isNumber == true ? "_" + part : part.prefix(1).uppercased() + part.dropFirst()
            }
            return SummaryKey(camel)
        }
        return decoder
    }

    private struct SummaryKey: CodingKey {
        let stringValue: String
        init(_ stringValue: String) { self.stringValue = stringValue }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }
}
