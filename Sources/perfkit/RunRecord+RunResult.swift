import Baselines
import Foundation
import LoadEngine
import Units

extension RunRecord {
    /// The stored form of a run: labels, redacted configuration (with `extraConfig` added), the
    /// machine, and every histogram and second of the timeline.
    init(_ result: RunResult, version: String, scenario: String, command: String, status: RunStatus,
         extraConfig: [String: any Sendable] = [:]) {
        let request = result.plan.request
        self.init(result.measurements, version: version, scenario: scenario,
                  step: "\(request.method) \(URLComponents(string: request.url)?.path.nonEmpty ?? "/")",
                  targetURL: Redaction.redactURL(request.url),
                  configJSON: Self.configJSON(result, command: command, extra: extraConfig), status: status)
    }

    /// The stored form of one stream of requests (a run, or a scenario step) under `step`.
    /// `targetURL` and `configJSON` must already be redacted.
    init(_ measured: Measurements, version: String, scenario: String, step: String, targetURL: String,
         configJSON: String, status: RunStatus) {
        self.init(
            version: version,
            scenario: scenario,
            step: step,
            targetURL: targetURL,
            configJSON: configJSON,
            host: HostFingerprint.current(),
            perfkitVersion: PerfkitVersion.current,
            startedAt: measured.startedAt,
            endedAt: measured.startedAt.addingTimeInterval(measured.elapsed.seconds),
            status: status,
            counts: RunCounts(sent: measured.sent, completed: measured.completed, responses: measured.responses,
                              failures: measured.failures, dropped: measured.dropped, unfinished: measured.unfinished),
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
            })
    }

    /// What was asked for, as JSON, with secrets redacted.
    private static func configJSON(_ result: RunResult, command: String, extra: [String: any Sendable]) -> String {
        let plan = result.plan
        var model: [String: Any] = [:]
        switch plan.model {
        case .open(let schedule, let maxInFlight):
            model["type"] = "open"
            model["max_in_flight"] = maxInFlight
            model["segments"] = schedule.segments.map {
                ["duration_seconds": $0.duration.seconds, "start_rate": $0.startRate, "end_rate": $0.endRate]
            }
        case .closed(let duration):
            model["type"] = "closed"
            model["duration_seconds"] = duration.seconds
        }
        var config: [String: Any] = [
            "command": command,
            "url": Redaction.redactURL(plan.request.url),
            "method": plan.request.method,
            "headers": Redaction.redactHeaders(plan.request.headers),
            "body_bytes": plan.request.body?.count ?? 0,
            "connections": plan.transport.connections,
            "threads": plan.transport.threads,
            "timeout_seconds": plan.transport.timeout.seconds,
            "http2": plan.transport.http2,
            "insecure": plan.transport.insecure,
            "model": model,
        ]
        config.merge(extra) { _, added in added }
        let data = (try? JSONSerialization.data(withJSONObject: config, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension String {
    /// nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
