import Baselines
import Foundation
import LoadEngine
import Scenarios

/// What was asked for, stored with each run as its `config_json`, with secrets redacted. One
/// shape for every command: a single-request run fills the request and model fields (and a
/// monitor its `monitor` section), a scenario the file, target, load and steps. Fields that do
/// not apply are left out of the JSON.
public struct RunConfiguration: Codable, Sendable, Equatable {
    /// The command that recorded the run (`latency`, `load`, `monitor`, `run`, …).
    public var command: String?
    public var url: String?
    public var method: String?
    /// `Name: value` lines, secret values redacted.
    public var headers: [String]?
    public var bodyBytes: Int?
    public var connections: Int?
    public var threads: Int?
    public var timeoutSeconds: Double?
    public var http2: Bool?
    /// HTTP/2 streams per connection; nil on HTTP/1.1.
    public var streams: Int?
    public var insecure: Bool?
    /// `--cacert`'s file, when the run trusted its authorities instead of the system's.
    public var caBundle: String?
    /// The HTTP client that sent the requests: `native` or `curl`.
    public var client: String?
    public var model: Model?
    public var monitor: MonitorSettings?
    /// A canary's judgment, on both sides' probe runs.
    public var canary: CanaryJudgment?
    /// The scenario file.
    public var file: String?
    /// The scenario's base URL.
    public var target: String?
    /// The scenario's load, in words.
    public var load: String?
    /// The scenario's steps, `METHOD path`.
    public var steps: [String]?
    /// How this run took part in a segmented test or a common start; nil for a process that
    /// sent the whole test whenever it was started. Set when the run is stored (`RunLabels`).
    public var segment: SegmentSettings?

    /// How requests were sent.
    public struct Model: Codable, Sendable, Equatable {
        /// `open` or `closed`.
        public var type: String
        public var maxInFlight: Int?
        public var segments: [Segment]?
        public var durationSeconds: Double?
    }

    /// One piece of an open model's arrival schedule.
    public struct Segment: Codable, Sendable, Equatable {
        public var durationSeconds: Double
        public var startRate: Double
        public var endRate: Double
    }

    /// A run's part in a test split over several processes (`--segment`, `--group`,
    /// `--start-at`).
    public struct SegmentSettings: Codable, Sendable, Equatable {
        /// The segment as given: `--segment`'s text, or `i/n` from `JOB_COMPLETION_INDEX` and
        /// `PERFKIT_SEGMENTS`.
        public var spec: String?
        /// The segment as stored in the run's `segment` column, `start:end`.
        public var segment: String?
        /// The cut points every process shared, e.g. `0,1/4,1/2,3/4,1`.
        public var sequence: String?
        /// The group id.
        public var group: String?
        /// The common start, as given.
        public var startAt: String?
        /// How late this process started after `start_at`, seconds; present only when later
        /// than 0.1 s.
        public var lateBySeconds: Double?

        public init(spec: String?, segment: String?, sequence: String?, group: String?, startAt: String?, lateBySeconds: Double?) {
            self.spec = spec
            self.segment = segment
            self.sequence = sequence
            self.group = group
            self.startAt = startAt
            self.lateBySeconds = lateBySeconds
        }
    }

    /// The monitor's judgement settings, stored with its probe's run.
    public struct MonitorSettings: Codable, Sendable, Equatable {
        /// `key:limit` as given.
        public var thresholds: [String]
        public var windowSeconds: Int
        public var forSeconds: Double
        /// Prometheus queries by name.
        public var queries: [String: String]

        public init(thresholds: [String], windowSeconds: Int, forSeconds: Double, queries: [String: String]) {
            self.thresholds = thresholds
            self.windowSeconds = windowSeconds
            self.forSeconds = forSeconds
            self.queries = queries
        }
    }

    /// The configuration of a single-request run of `command`.
    public init(command: String, plan: LoadPlan, monitor: MonitorSettings? = nil) {
        self.command = command
        url = Redaction.redactURL(plan.request.url)
        method = plan.request.method
        headers = Redaction.redactHeaders(plan.request.headers)
        bodyBytes = plan.request.body?.count ?? 0
        connections = plan.transport.connections
        threads = plan.transport.threads
        timeoutSeconds = plan.transport.timeout.seconds
        http2 = plan.transport.http2
        streams = plan.transport.http2 ? plan.transport.streams : nil
        insecure = plan.transport.insecure
        caBundle = plan.transport.caBundle
        client = plan.transport.resolvedKind(for: plan.request.url).rawValue
        switch plan.model {
        case .open(let schedule, let maxInFlight):
            model = Model(type: "open", maxInFlight: maxInFlight, segments: schedule.segments.map {
                Segment(durationSeconds: $0.duration.seconds, startRate: $0.startRate, endRate: $0.endRate)
            })
        case .closed(let duration):
            model = Model(type: "closed", durationSeconds: duration.seconds)
        }
        self.monitor = monitor
    }

    /// The configuration of a scenario run, values from the environment redacted.
    public init(scenario: Scenario) {
        let secrets = scenario.environmentValues
        command = "run"
        file = scenario.file
        target = scenario.redactedTarget
        load = LoadDescription.describe(scenario.load)
        timeoutSeconds = scenario.timeout.seconds
        steps = scenario.steps.map { "\($0.method) \(Redaction.redactURL($0.path.source, environmentValues: secrets))" }
    }

    /// Reads a stored configuration; nil when it is not one (a run stored by hand, say).
    public init?(json: String) {
        guard let decoded = try? Self.decoder.decode(Self.self, from: Data(json.utf8)) else { return nil }
        self = decoded
    }

    /// The stored form: compact JSON, sorted snake_case keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Every value is finite and every key a string: encoding cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
