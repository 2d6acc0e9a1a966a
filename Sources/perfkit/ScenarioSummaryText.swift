import LoadEngine
import Scenarios
import Units

/// Renders a scenario run for people: iterations, a table per step, every check with its
/// pass/fail counts and first failure, and the thresholds.
enum ScenarioSummaryText {
    /// The summary of `result`, which ends the command with `code`.
    static func render(_ result: ScenarioResult, code: PerfkitExitCode) -> String {
        let scenario = result.scenario
        let state = result.outcome == .interrupted ? "  [INTERRUPTED: partial results]" : ""
        var lines = ["perfkit run \(scenario.name) (\(scenario.file))  target \(scenario.redactedTarget)\(state)"]
        lines.append(row("load", describe(scenario.load)))
        let iterations = result.iterations
        if case .flow = scenario.body {
            lines.append(row("iterations", "\(iterations.sent) started, \(iterations.responses - iterations.failures) passed, "
                + "\(iterations.failures) failed, \(iterations.unfinished) unfinished, \(iterations.dropped) dropped "
                + "in \(fixed(iterations.elapsed.seconds, decimals: 2))s (\(fixed(iterations.achievedRate, decimals: 2))/s)"))
        }
        let requests = result.requests
        lines.append(row("requests", "\(requests.sent) sent, \(requests.completed) completed, "
            + "\(fixed(requests.achievedRate, decimals: 2)) req/s, errors \(requests.failures) "
            + "(\(fixed(requests.errorRate * 100, decimals: 2))%)"))
        lines.append("")
        lines.append(contentsOf: stepTable(result))
        lines.append("")
        lines.append("checks")
        for check in result.checks where check.passes + check.failures > 0 {
            let verdict = check.failures == 0 ? "PASS" : "FAIL"
            var line = "  \(verdict)  \(SummaryText.pad(check.step, 14))\(SummaryText.pad(check.label, 34))"
                + "\(check.passes)/\(check.passes + check.failures)"
            if let first = check.firstFailure { line += "  first failure: \(first) (\(check.location))" }
            lines.append(line)
        }
        lines.append("")
        lines.append("thresholds")
        for check in result.thresholdChecks {
            lines.append("  \(check.passed ? "PASS" : "FAIL")  \(SummaryText.pad(check.name, 12))"
                + "\(SummaryText.pad(check.requirement, 20)) measured \(check.measured)")
        }
        lines.append("")
        lines.append(SummaryText.resultLine(code))
        return lines.joined(separator: "\n")
    }

    /// The load in words: `100 iterations, 10 virtual users`.
    static func describe(_ load: ScenarioLoad) -> String {
        switch load {
        case .iterations(let count, let users):
            return "\(count) iterations, \(users) virtual user\(users == 1 ? "" : "s")"
        case .virtualUsersFor(let duration, let users):
            return "\(users) virtual user\(users == 1 ? "" : "s") for \(DurationText.format(duration))"
        case .arrivals(let schedule, let maxInFlight):
            return "open (\(SummaryText.describe(schedule))), max in flight \(maxInFlight)"
        }
    }

    private static func stepTable(_ result: ScenarioResult) -> [String] {
        let columns = ["requests", "errors", "p50", "p90", "p95", "p99", "max"]
        var lines = [SummaryText.pad("step", 22) + columns.map { SummaryText.leftPad($0, 9) }.joined()]
        var rows = result.steps.map { ($0.name, $0.measurements) }
        if case .flow = result.scenario.body { rows.append(("(iteration)", result.iterations)) }
        for (name, measured) in rows {
            let latency = measured.percentiles(.latency)
            let timings = latency.count == 0 ? Array(repeating: "-", count: 5)
                : [latency.p50, latency.p90, latency.p95, latency.p99, latency.max].map { DurationText.formatMicroseconds(Double($0)) }
            let cells = ["\(measured.sent)", "\(measured.failures)"] + timings
            lines.append(SummaryText.pad(name, 22) + cells.map { SummaryText.leftPad($0, 9) }.joined())
        }
        return lines
    }

    private static func row(_ label: String, _ value: String) -> String { SummaryText.pad(label, 11) + value }
}
