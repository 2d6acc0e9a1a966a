import Baselines
import Foundation
import Histograms
import LoadEngine
import Units

/// The labels a run is stored under.
public struct RunLabels: Sendable, Equatable {
    /// The version of the service under test.
    public var version: String
    /// The scenario name (a command's name unless `--scenario` says otherwise).
    public var scenario: String
    /// The segmented test the runs are a share of; nil when this process sends the whole test.
    public var group: RunGroupMembership?
    /// The segment, group and start as the command line gave them, stored in each run's
    /// configuration (`segment`); nil when none was given.
    public var segmentSettings: RunConfiguration.SegmentSettings?

    public init(version: String, scenario: String, group: RunGroupMembership? = nil,
                segmentSettings: RunConfiguration.SegmentSettings? = nil) {
        self.version = version
        self.scenario = scenario
        self.group = group
        self.segmentSettings = segmentSettings
    }
}

extension RunRecord {
    /// The stored form of one stream of requests (a run, a scenario step, a flow's whole
    /// iterations) under `step`: the one mapping from measurements to a stored run.
    /// `targetURL` must already be redacted; the configuration redacts itself.
    public init(_ measured: Measurements, labels: RunLabels, step: String, targetURL: String,
                configuration: RunConfiguration, status: RunStatus) {
        var configuration = configuration
        configuration.segment = labels.segmentSettings
        self.init(
            version: labels.version,
            scenario: labels.scenario,
            step: step,
            targetURL: targetURL,
            configJSON: configuration.json,
            host: HostFingerprint.current(),
            perfkitVersion: PerfkitVersion.current,
            startedAt: measured.startedAt,
            endedAt: measured.startedAt.addingTimeInterval(measured.elapsed.seconds),
            status: status,
            counts: RunCounts(measured),
            intendedRate: measured.intendedRate,
            achievedRate: measured.achievedRate,
            statusCodes: measured.statusCounts,
            errors: Dictionary(uniqueKeysWithValues: measured.errors.map { ($0.key.rawValue, $0.value) }),
            histograms: Dictionary(uniqueKeysWithValues: LatencyMetric.allCases.map {
                ($0.rawValue, HistogramSnapshot(measured.histograms[$0]))
            }),
            series: measured.series.map {
                SeriesPoint(second: $0.second, requests: $0.requests, errors: $0.errors, p50: $0.p50, p90: $0.p90,
                            p95: $0.p95, p99: $0.p99, p999: $0.p999, mean: $0.mean, intendedRate: $0.intendedRate)
            },
            group: labels.group)
    }

    /// The stored form of a single-request run of `command`: the step is `METHOD /path`.
    public init(_ result: RunResult, labels: RunLabels, configuration: RunConfiguration, status: RunStatus) {
        let request = result.plan.request
        self.init(result.measurements, labels: labels,
                  step: "\(request.method) \(URLComponents(string: request.url)?.path.nonEmpty ?? "/")",
                  targetURL: Redaction.redactURL(request.url), configuration: configuration, status: status)
    }
}

extension RunCounts {
    /// The counts of `measured`.
    init(_ measured: Measurements) {
        self.init(sent: measured.sent, completed: measured.completed, responses: measured.responses,
                  failures: measured.failures, dropped: measured.dropped, unfinished: measured.unfinished)
    }
}

extension String {
    /// nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
