import LoadEngine
import Units

/// Renders a run for people: counts, rates, errors, the latency table and the targets.
enum SummaryText {
    /// The summary of `result`, which ends the command with `code`.
    static func render(_ summary: RunSummary, result: RunResult, code: PerfkitExitCode) -> String {
        var lines: [String] = []
        let state = summary.status == .interrupted ? "  [INTERRUPTED: partial results]" : ""
        lines.append("perfkit \(summary.command)  \(summary.method) \(summary.target)\(state)")
        lines.append(row("model", modelLine(result)))
        let requests = summary.requests
        lines.append(row("requests", "\(requests.sent) sent, \(requests.completed) completed, "
            + "\(requests.dropped) dropped, \(requests.unfinished) unfinished in \(fixed(summary.durationSeconds, decimals: 2))s"))
        var rate = "\(fixed(summary.achievedRate, decimals: 2)) req/s achieved"
        if let intended = summary.intendedRate { rate += " (intended \(fixed(intended, decimals: 2)))" }
        lines.append(row("rate", rate))
        lines.append(row("errors", errorLine(result)))
        let statuses = result.statusCounts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        lines.append(row("status", statuses.isEmpty ? "no responses" : statuses.joined(separator: ", ")))
        lines.append("")
        lines.append(contentsOf: latencyTable(result))
        if !summary.targets.isEmpty {
            lines.append("")
            lines.append("targets")
            for check in summary.targets {
                let verdict = check.passed ? "PASS" : "FAIL"
                lines.append("  \(verdict)  \(pad(check.name, 12))\(pad(check.requirement, 20)) measured \(check.measured)")
            }
        }
        lines.append("")
        lines.append(resultLine(code))
        return lines.joined(separator: "\n")
    }

    /// The last line of a summary: PASS only when the command exits 0, so a target that was
    /// never reached (exit 4) does not read as a pass.
    static func resultLine(_ code: PerfkitExitCode) -> String {
        switch code {
        case .passed: "result: PASS"
        case .couldNotRun: "result: FAIL (target unreachable)"
        default: "result: FAIL"
        }
    }

    private static func modelLine(_ result: RunResult) -> String {
        let connections = "\(result.plan.transport.connections) connections, \(result.plan.transport.threads) thread(s)"
        switch result.plan.model {
        case .open(let schedule, let maxInFlight):
            return "open (\(describe(schedule))), \(connections), max in flight \(maxInFlight)"
        case .closed(let duration):
            return "closed (as fast as responses come) for \(DurationText.format(duration)), \(connections)"
        }
    }

    /// A schedule in words: `1.0→200.0/s over 5m, 200.0/s for 1m`.
    static func describe(_ schedule: ArrivalSchedule) -> String {
        schedule.segments.map { segment in
            segment.startRate == segment.endRate
                ? "\(fixed(segment.startRate, decimals: 1))/s for \(DurationText.format(segment.duration))"
                : "\(fixed(segment.startRate, decimals: 1))→\(fixed(segment.endRate, decimals: 1))/s over \(DurationText.format(segment.duration))"
        }.joined(separator: ", ")
    }

    private static func errorLine(_ result: RunResult) -> String {
        let rate = "\(fixed(result.errorRate * 100, decimals: 2))%"
        guard result.failures > 0 else { return "0 (\(rate))" }
        let kinds = ErrorKind.allCases.compactMap { kind in result.errors[kind].map { "\(kind.rawValue) \($0)" } }
        return "\(result.failures) (\(rate)): \(kinds.joined(separator: ", "))"
    }

    private static func latencyTable(_ result: RunResult) -> [String] {
        let columns = ["p50", "p90", "p95", "p99", "p99.9", "max", "mean"]
        var lines = [pad("", 22) + columns.map { leftPad($0, 9) }.joined()]
        let rows: [(String, LatencyMetric)] = [
            ("latency (corrected)", .latency), ("service time", .serviceTime),
        ] + LatencyMetric.phases.map { ("  \($0.rawValue)", $0) }
        for (label, metric) in rows {
            let stats = result.percentiles(metric)
            guard stats.count > 0 else { continue }
            let values = [stats.p50, stats.p90, stats.p95, stats.p99, stats.p999, stats.max].map { Double($0) } + [stats.mean]
            lines.append(pad(label, 22) + values.map { leftPad(DurationText.formatMicroseconds($0), 9) }.joined())
        }
        if lines.count == 1 { lines.append("no responses: no latency to show") }
        return lines
    }

    private static func row(_ label: String, _ value: String) -> String { pad(label, 10) + value }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
