import Baselines
import Foundation
import LoadEngine
import Units

extension RunRecord {
    /// The stored form of a run: labels, redacted configuration, the machine, and every
    /// histogram and second of the timeline.
    init(_ result: RunResult, version: String, scenario: String, command: String, status: RunStatus) {
        let request = result.plan.request
        let step = "\(request.method) \(URLComponents(string: request.url)?.path.nonEmpty ?? "/")"
        self.init(
            version: version,
            scenario: scenario,
            step: step,
            targetURL: Redaction.redactURL(request.url),
            configJSON: Self.configJSON(result, command: command),
            host: HostFingerprint.current(),
            perfkitVersion: PerfkitVersion.current,
            startedAt: result.startedAt,
            endedAt: result.startedAt.addingTimeInterval(result.elapsed.seconds),
            status: status,
            counts: RunCounts(sent: result.sent, completed: result.completed, responses: result.responses,
                              failures: result.failures, dropped: result.dropped, unfinished: result.unfinished),
            intendedRate: result.intendedRate,
            achievedRate: result.achievedRate,
            statusCodes: result.statusCounts,
            errors: Dictionary(uniqueKeysWithValues: result.errors.map { ($0.key.rawValue, $0.value) }),
            histograms: Dictionary(uniqueKeysWithValues: LatencyMetric.allCases.map {
                ($0.rawValue, HistogramSnapshot(result.histograms[$0]))
            }),
            series: result.series.map {
                SeriesPoint(second: $0.second, requests: $0.requests, errors: $0.errors, p50: $0.p50, p90: $0.p90,
                            p95: $0.p95, p99: $0.p99, p999: $0.p999, mean: $0.mean, intendedRate: $0.intendedRate)
            })
    }

    /// What was asked for, as JSON, with secrets redacted.
    private static func configJSON(_ result: RunResult, command: String) -> String {
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
        let config: [String: Any] = [
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
        let data = (try? JSONSerialization.data(withJSONObject: config, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension String {
    /// nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
