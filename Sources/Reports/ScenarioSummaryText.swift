import Recording
import Units

/// Renders a scenario run's summary for people: iterations, a table per step, every check with
/// its pass/fail counts and first failure, and the thresholds.
public enum ScenarioSummaryText {
    /// The summary of a scenario run that ends the command with `code`.
    public static func render(_ summary: ScenarioSummary, code: PerfkitExitCode) -> String {
        let state = summary.status == .interrupted ? "  [INTERRUPTED: partial results]" : ""
        var lines = ["perfkit run \(summary.scenario) (\(summary.file))  target \(summary.target)\(state)"]
        lines.append(row("load", summary.load))
        let iterations = summary.iterations
        if summary.kind == "flow" {
            let counts = iterations.requests
            lines.append(row("iterations", "\(counts.sent) started, \(counts.responses - counts.failures) passed, "
                + "\(counts.failures) failed, \(counts.unfinished) unfinished, \(counts.dropped) dropped "
                + "in \(fixed(iterations.durationSeconds, decimals: 2))s (\(fixed(iterations.achievedRate, decimals: 2))/s)"))
        }
        let requests = summary.requests.requests
        lines.append(row("requests", "\(requests.sent) sent, \(requests.completed) completed, "
            + "\(fixed(summary.requests.achievedRate, decimals: 2)) req/s, errors \(requests.failures) "
            + "(\(fixed(requests.errorRate * 100, decimals: 2))%)"))
        lines.append("")
        lines.append(contentsOf: stepTable(summary))
        lines.append("")
        lines.append("checks")
        for check in summary.checks where check.passes + check.failures > 0 {
            let verdict = check.failures == 0 ? "PASS" : "FAIL"
            var line = "  \(verdict)  \(RunSummaryText.pad(check.step, 14))\(RunSummaryText.pad(check.label, 34))"
                + "\(check.passes)/\(check.passes + check.failures)"
            if let first = check.firstFailure { line += "  first failure: \(first) (\(check.location))" }
            lines.append(line)
        }
        lines.append("")
        lines.append("thresholds")
        lines.append(contentsOf: RunSummaryText.targetLines(summary.thresholds))
        lines.append("")
        lines.append(RunSummaryText.resultLine(code))
        return lines.joined(separator: "\n")
    }

    private static func stepTable(_ summary: ScenarioSummary) -> [String] {
        let columns = ["requests", "errors", "p50", "p90", "p95", "p99", "max"]
        var lines = [RunSummaryText.pad("step", 22) + columns.map { RunSummaryText.leftPad($0, 9) }.joined()]
        var rows = summary.steps.map { ($0.name, $0) }
        if summary.kind == "flow" { rows.append(("(iteration)", summary.iterations)) }
        for (name, stream) in rows {
            let latency = stream.latencyMs
            let timings = latency.count == 0 ? Array(repeating: "-", count: 5)
                : [latency.p50, latency.p90, latency.p95, latency.p99, latency.max].map(RunSummaryText.duration(milliseconds:))
            let cells = ["\(stream.requests.sent)", "\(stream.requests.failures)"] + timings
            lines.append(RunSummaryText.pad(name, 22) + cells.map { RunSummaryText.leftPad($0, 9) }.joined())
        }
        return lines
    }

    private static func row(_ label: String, _ value: String) -> String { RunSummaryText.pad(label, 11) + value }
}
