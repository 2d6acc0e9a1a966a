import Foundation
import Regression

/// How the values of a comparison are spelled in every format, so the terminal, Markdown and
/// JUnit reports say the same thing the same way.
enum CellText {
    /// "scenario step", e.g. `latency GET /api/prices`.
    static func step(_ row: ComparisonRow) -> String {
        "\(row.scenario) \(row.step)"
    }

    /// A value with its unit: `12.3 ms`, `1.60%`, `250 req/s`; `-` when absent.
    static func value(_ value: Double?, _ metric: Metric) -> String {
        guard let value else { return "-" }
        return metric == .errorRate ? String(format: "%.2f%%", value) : "\(significant(value)) \(metric.unit)"
    }

    /// A latency given in microseconds, in milliseconds: `0.845 ms`, `12.3 ms`.
    static func milliseconds(_ microseconds: Double) -> String {
        "\(significant(microseconds / 1_000)) ms"
    }

    /// A count or rate with three significant digits: `0.500`, `12.3`, `250`.
    static func number(_ value: Double) -> String {
        significant(value)
    }

    /// `+30.9%` or `+0.60 pt`; `n/a` for a change from zero, `-` when one side is missing.
    static func delta(_ row: ComparisonRow) -> String {
        guard let delta = row.delta else { return row.baseline != nil && row.current != nil ? "n/a" : "-" }
        switch row.deltaUnit {
        case .percent: return String(format: "%+.1f%%", delta)
        case .points: return String(format: "%+.2f pt", delta)
        }
    }

    /// A threshold as a user would type it: `10%`, `12.5%`, `0.5 pt`.
    static func threshold(_ amount: Double, _ unit: DeltaUnit) -> String {
        let number = String(format: "%g", amount)
        switch unit {
        case .percent: return number + "%"
        case .points: return number + " pt"
        }
    }

    /// `0.050`, `<0.001`, or `-` when no test ran.
    static func pValue(_ pValue: Double?) -> String {
        guard let pValue else { return "-" }
        return pValue < 0.001 ? "<0.001" : String(format: "%.3f", pValue)
    }

    /// The runs each version contributed: `3/3 runs`.
    static func samples(_ row: ComparisonRow) -> String {
        "\(row.samples.baselineRuns)/\(row.samples.currentRuns) runs"
    }

    /// What the row's verdict rests on, briefly: `U`, `t ±4.1% (h 12)` (Student's t with a
    /// run-to-run spread of 4.1% from 12 runs, `h` when history contributed), `none`, or `-`.
    static func test(_ row: ComparisonRow) -> String {
        switch row.test {
        case nil: return "-"
        case .mannWhitneyU?: return "U"
        case SignificanceTest.none?: return "none"
        case .tTest?:
            guard let noise = row.noise, let spread = spread(row) else { return "t" }
            let fromHistory = noise.source == .history || noise.source == .comparedRunsAndHistory
            return "t \(spread) (\(fromHistory ? "h " : "")\(noise.runs))"
        }
    }

    /// The run-to-run spread the row's t-test used, in the row's unit: `±4.1%`, `±0.05 pt`.
    static func spread(_ row: ComparisonRow) -> String? {
        guard let spread = row.noise?.spread else { return nil }
        return row.deltaUnit == .points
            ? String(format: "±%.2f pt", spread) : String(format: "±%.1f%%", (exp(spread) - 1) * 100)
    }

    /// The row's test and noise in words, for tooltips and JUnit: "Student's t, run-to-run
    /// spread ±4.1% from 12 runs of 4 versions (the store's history), 14 degrees of freedom".
    static func testInWords(_ row: ComparisonRow) -> String {
        switch row.test {
        case nil: return "no test"
        case .mannWhitneyU?: return "Mann-Whitney U (exact) over \(samples(row))"
        case SignificanceTest.none?: return "no test: no run-to-run noise estimate"
        case .tTest?:
            guard let noise = row.noise else { return "Student's t" }
            return "Student's t over \(samples(row)), run-to-run spread \(spread(row) ?? "-") from \(noise.runs) runs of \(noise.versions) versions (\(noise.source.description)), "
                + "\(noise.degreesOfFreedom) degrees of freedom"
        }
    }

    /// `regression`, `improvement`, `~`, `inconclusive`, or which version alone measured the step.
    static func verdict(_ row: ComparisonRow) -> String {
        switch (row.verdict, row.presence) {
        case (.regression?, _): "regression"
        case (.improvement?, _): "improvement"
        case (.unchanged?, _): "~"
        case (.inconclusive?, _): "inconclusive"
        case (nil, .baselineOnly): "only in baseline"
        case (nil, .currentOnly): "only in current"
        case (nil, .both): "-"
        }
    }

    /// `Comparing v1.2.3 (current) with v1.2.2 (baseline)`.
    static func heading(_ comparison: Comparison) -> String {
        "Comparing \(comparison.currentVersion) (current) with \(comparison.baselineVersion) (baseline)"
    }

    /// The criteria and what they mean, as the reports' second line.
    static func criteriaSentence(_ comparison: Comparison) -> String {
        criteria(comparison) + ": a regression is worse than its threshold and beyond run-to-run noise (p ≤ alpha)"
    }

    /// `RESULT: REGRESSION (2 rows)` or `RESULT: no regression`.
    static func result(_ comparison: Comparison) -> String {
        let regressions = comparison.regressions.count
        return regressions > 0 ? "RESULT: REGRESSION (\(regressions) row\(regressions == 1 ? "" : "s"))" : "RESULT: no regression"
    }

    /// `WARNING: …` when the versions were measured on different machines.
    static func hostWarning(_ comparison: Comparison) -> String? {
        comparison.hostWarning.map { "WARNING: \($0)" }
    }

    /// The line a comparison without rows shows instead of a table.
    static let nothingToCompare = "nothing to compare: no runs with a (scenario, step)"

    /// `threshold 10% (p99 15%, error_rate 1 pt), alpha 0.05`.
    static func criteria(_ comparison: Comparison) -> String {
        let thresholds = comparison.thresholds
        let special = Metric.allCases
            .filter { thresholds.overrides[$0] != nil || $0.deltaUnit == .points }
            .map { "\($0.rawValue) \(threshold(thresholds.threshold(for: $0), $0.deltaUnit))" }
        let overrides = special.isEmpty ? "" : " (\(special.joined(separator: ", ")))"
        return "threshold \(threshold(thresholds.percent, .percent))\(overrides), alpha \(comparison.alpha)"
    }

    /// Row notes, one line per step and note with the metrics it applies to, so a fallback that
    /// hit all eight metrics of a step is said once.
    static func rowNotes(_ rows: [ComparisonRow]) -> [String] {
        var groups: [(step: String, note: String, metrics: [String])] = []
        for row in rows {
            guard let note = row.note else { continue }
            let step = step(row)
            if let index = groups.firstIndex(where: { $0.step == step && $0.note == note }) {
                groups[index].metrics.append(row.metric.rawValue)
            } else {
                groups.append((step, note, [row.metric.rawValue]))
            }
        }
        return groups.map { "\($0.step) (\($0.metrics.joined(separator: ", "))): \($0.note)" }
    }

    /// Three significant digits without exponent: `0.845`, `12.3`, `250`, `1235`.
    private static func significant(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude < 1 ? 3 : magnitude < 10 ? 2 : magnitude < 100 ? 1 : 0
        return String(format: "%.\(decimals)f", value)
    }
}
