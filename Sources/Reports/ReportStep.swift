import Baselines
import Regression

/// One (scenario, step) of an HTML report: its comparison rows and each version's runs.
struct ReportStep {
    let scenario: String
    let step: String
    /// The comparison's rows for this step, in the comparison's order (regressions first).
    let rows: [ComparisonRow]
    /// The baseline version, then the current one (a single-run report has only one).
    let versions: [VersionRuns]

    /// `scenario step`, as every report names a step.
    var title: String { "\(scenario) \(step)" }

    /// The steps of a comparison: first those with rows, in the order their first row appears
    /// (so steps with regressions come first, as in the table), then steps whose runs gave no
    /// row (none completed), in the order their runs were given.
    static func steps(of comparison: Comparison, baseline: [RunRecord], current: [RunRecord]) -> [ReportStep] {
        struct Key: Hashable {
            let scenario: String, step: String
        }
        var order: [Key] = []
        var seen = Set<Key>()
        let keys = comparison.rows.map { Key(scenario: $0.scenario, step: $0.step) }
            + (baseline + current).map { Key(scenario: $0.scenario, step: $0.step) }
        for key in keys where seen.insert(key).inserted {
            order.append(key)
        }
        let rows = Dictionary(grouping: comparison.rows) { Key(scenario: $0.scenario, step: $0.step) }
        let baselineRuns = Dictionary(grouping: baseline) { Key(scenario: $0.scenario, step: $0.step) }
        let currentRuns = Dictionary(grouping: current) { Key(scenario: $0.scenario, step: $0.step) }
        return order.map { key in
            let sides = [
                (comparison.baselineVersion, VersionRuns.Side.baseline, baselineRuns[key] ?? []),
                (comparison.currentVersion, VersionRuns.Side.current, currentRuns[key] ?? []),
            ]
            return ReportStep(scenario: key.scenario, step: key.step, rows: rows[key] ?? [],
                              versions: sides.map { version, side, runs in
                                  VersionRuns(version: version, side: side, runs: runs, chartsCompletedOnly: true)
                              })
        }
    }

    /// What a reader must know about which versions measured the step, or nil when both did
    /// and both have completed runs.
    var presenceNote: String? {
        let measured = versions.filter { !$0.runs.isEmpty }
        if measured.count == 1, versions.count > 1 {
            return "only in \(measured[0].version)"
        }
        let uncompared = versions.filter { !$0.runs.isEmpty && $0.charted.isEmpty }.map(\.version)
        guard !uncompared.isEmpty else { return nil }
        return "no completed run of \(uncompared.joined(separator: " or ")): not compared"
    }
}
