import LoadEngine
import Recording
import Units

/// Renders a run's summary for people: counts, rates, errors, the latency table and the
/// targets. Reads only the JSON summary, so what a person sees is what a script reads.
public enum RunSummaryText {
    /// The summary of a run that ends the command with `code`.
    public static func render(_ summary: RunSummary, code: PerfkitExitCode) -> String {
        var lines: [String] = []
        let state = summary.status == .interrupted ? "  [INTERRUPTED: partial results]" : ""
        lines.append("perfkit \(summary.command)  \(summary.method) \(summary.target)\(state)")
        lines.append(row("model", modelLine(summary)))
        let requests = summary.requests
        lines.append(row("requests", "\(requests.sent) sent, \(requests.completed) completed, "
            + "\(requests.dropped) dropped, \(requests.unfinished) unfinished in \(fixed(summary.durationSeconds, decimals: 2))s"))
        var rate = "\(fixed(summary.achievedRate, decimals: 2)) req/s achieved"
        if let intended = summary.intendedRate { rate += " (intended \(fixed(intended, decimals: 2)))" }
        lines.append(row("rate", rate))
        lines.append(row("errors", errorLine(requests, errors: summary.errors)))
        lines.append(row("status", statusLine(summary.statusCodes)))
        lines.append("")
        lines.append(contentsOf: latencyTable(summary))
        if !summary.targets.isEmpty {
            lines.append("")
            lines.append("targets")
            lines.append(contentsOf: targetLines(summary.targets))
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

    /// One line per target: verdict, name, requirement and what was measured.
    static func targetLines(_ checks: [TargetSummary]) -> [String] {
        checks.map { check in
            "  \(check.passed ? "PASS" : "FAIL")  \(pad(check.name, 12))\(pad(check.requirement, 20)) measured \(check.measured)"
        }
    }

    /// `200: 950, 503: 50`, codes in numeric order.
    static func statusLine(_ codes: [String: Int]) -> String {
        let sorted = codes.sorted { (Int($0.key) ?? 0, $0.key) < (Int($1.key) ?? 0, $1.key) }
        return sorted.isEmpty ? "no responses" : sorted.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }

    private static func modelLine(_ summary: RunSummary) -> String {
        let connections = "\(summary.connections) connections, \(summary.threads) thread(s)"
        if let schedule = summary.schedule, let maxInFlight = summary.maxInFlight {
            return "open (\(schedule)), \(connections), max in flight \(maxInFlight)"
        }
        return "closed (as fast as responses come) for \(DurationText.format(.seconds(summary.plannedDurationSeconds))), \(connections)"
    }

    private static func errorLine(_ requests: RunSummary.Requests, errors: [String: Int]) -> String {
        let rate = "\(fixed(requests.errorRate * 100, decimals: 2))%"
        guard requests.failures > 0 else { return "0 (\(rate))" }
        let kinds = ErrorKind.allCases.compactMap { kind in
            errors[kind.rawValue].flatMap { $0 > 0 ? "\(kind.rawValue) \($0)" : nil }
        }
        return "\(requests.failures) (\(rate)): \(kinds.joined(separator: ", "))"
    }

    private static func latencyTable(_ summary: RunSummary) -> [String] {
        let columns = ["p50", "p90", "p95", "p99", "p99.9", "max", "mean"]
        var lines = [pad("", 22) + columns.map { leftPad($0, 9) }.joined()]
        let rows: [(String, RunSummary.Timing?)] = [
            ("latency (corrected)", summary.latencyMs), ("service time", summary.serviceTimeMs),
        ] + LatencyMetric.phases.map { ("  \($0.rawValue)", summary.phasesMs[$0.rawValue]) }
        for case let (label, timing?) in rows where timing.count > 0 {
            let values = [timing.p50, timing.p90, timing.p95, timing.p99, timing.p999, timing.max, timing.mean]
            lines.append(pad(label, 22) + values.map { leftPad(duration(milliseconds: $0), 9) }.joined())
        }
        if lines.count == 1 { lines.append("no responses: no latency to show") }
        return lines
    }

    /// A summary's millisecond value as people read durations (`93µs`, `1.24ms`).
    static func duration(milliseconds: Double) -> String {
        DurationText.formatMicroseconds((milliseconds * 1_000).rounded())
    }

    private static func row(_ label: String, _ value: String) -> String { pad(label, 10) + value }

    /// `text` left-aligned in `width` columns (with one space after it when it is wider).
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` right-aligned in `width` columns (with one space before it when it is wider).
    static func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
