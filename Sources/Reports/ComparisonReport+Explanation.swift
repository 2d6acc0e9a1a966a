import Foundation
import Regression

extension ComparisonReport {
    /// Why a gate failed, for people new to it: how many rows regressed, and the worst one with
    /// its delta, threshold and the evidence it rests on.
    public static func regressionExplanation(_ comparison: Comparison) -> String {
        let rows = comparison.regressions
        let worst = rows.max { ($0.delta ?? 0) < ($1.delta ?? 0) }
        let example = worst.map { row in
            let p = CellText.pValue(row.pValue).replacingOccurrences(of: "<", with: "< ")
            let pText = p.hasPrefix("<") ? "p \(p)" : "p = \(p)"
            let runs = "\(row.samples.baselineRuns) vs \(row.samples.currentRuns) runs"
            let evidence = switch row.test {
            case .mannWhitneyU?: "Mann-Whitney U over \(runs), \(pText)"
            case .tTest?: "Student's t over \(runs) against a run-to-run spread of \(CellText.spread(row) ?? "?"), \(pText) after Holm"
            default: "far beyond its threshold, untested"
            }
            return " (e.g. \(row.metric.rawValue) " + String(format: "%+.1f%%, threshold %g%%", row.delta ?? 0, row.threshold)
                + ", \(evidence))"
        } ?? ""
        return """
            The gate failed as intended: \(rows.count) row\(rows.count == 1 ? "" : "s") regressed\(example).
            A regression is worse than its threshold and beyond run-to-run noise; `perfkit compare`
            then exits 1, which fails the deploy in CI.
            """
    }
}

extension ComparisonReport {
    /// `latency GET /api/signals p95, …`: the first rows of a list by name, for progress lines.
    public static func rowNames(_ rows: [ComparisonRow]) -> String {
        rows.prefix(4).map { "\($0.scenario) \($0.step) \($0.metric.rawValue)" }.joined(separator: ", ")
            + (rows.count > 4 ? ", …" : "")
    }
}
