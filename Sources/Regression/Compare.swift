import Baselines

/// Compares the current version's runs with the baseline version's: one row per (scenario,
/// step, metric) measured in either, with a verdict where both measured it. Only completed
/// runs are compared; the others are tallied in `leftOutRuns` and mentioned in the notes.
/// Deterministic: the same runs always give the same comparison.
public func compare(baseline: [RunRecord], current: [RunRecord], thresholds: Thresholds,
                    metrics: [Metric] = Metric.allCases, alpha: Double = 0.05) -> Comparison {
    var seen = Set<Metric>()
    let metrics = metrics.filter { seen.insert($0).inserted }
    let completedBaseline = baseline.filter { $0.status == .completed }
    let completedCurrent = current.filter { $0.status == .completed }
    let baselineSteps = measuredSteps(completedBaseline, metrics: metrics)
    let currentSteps = measuredSteps(completedCurrent, metrics: metrics)
    let keys = Set(baselineSteps.keys).union(currentSteps.keys).sorted()

    var rows: [ComparisonRow] = []
    for key in keys {
        for metric in metrics {
            let threshold = thresholds.threshold(for: metric)
            switch (baselineSteps[key], currentSteps[key]) {
            case let (baselineRuns?, currentRuns?):
                rows.append(RowComparison.compared(key, metric: metric, baseline: baselineRuns, current: currentRuns,
                                                   threshold: threshold, alpha: alpha))
            case let (baselineRuns?, nil):
                rows.append(RowComparison.measuredOnce(key, metric: metric, runs: baselineRuns,
                                                       presence: .baselineOnly, threshold: threshold))
            case let (nil, currentRuns?):
                rows.append(RowComparison.measuredOnce(key, metric: metric, runs: currentRuns,
                                                       presence: .currentOnly, threshold: threshold))
            case (nil, nil):
                break
            }
        }
    }

    let baselineVersion = versionNames(baseline)
    let currentVersion = versionNames(current)
    let leftOut = leftOutRuns(baseline) + leftOutRuns(current)
    var notes = leftOut.map {
        "left out \($0.count) \($0.status.rawValue) run\($0.count == 1 ? "" : "s") of \($0.version): "
            + "only completed runs are compared"
    }
    let measuredInBoth = keys.contains { baselineSteps[$0] != nil && currentSteps[$0] != nil }
    if !baselineSteps.isEmpty, !currentSteps.isEmpty, !measuredInBoth {
        notes.append("no (scenario, step) was measured in both \(baselineVersion) and \(currentVersion)")
    }
    return Comparison(
        baselineVersion: baselineVersion, currentVersion: currentVersion, thresholds: thresholds, alpha: alpha,
        rows: regressionsFirst(rows),
        hostWarning: hostWarning(baseline: completedBaseline, current: completedCurrent,
                                 baselineVersion: baselineVersion, currentVersion: currentVersion),
        notes: notes, leftOutRuns: leftOut)
}

/// Runs grouped by (scenario, step), each measured once.
private func measuredSteps(_ runs: [RunRecord], metrics: [Metric]) -> [StepKey: [MeasuredRun]] {
    Dictionary(grouping: runs.map { MeasuredRun($0, metrics: metrics) }) {
        StepKey(scenario: $0.record.scenario, step: $0.record.step)
    }
}

/// Regressions, then improvements, then everything else; the order within each group is kept.
private func regressionsFirst(_ rows: [ComparisonRow]) -> [ComparisonRow] {
    rows.filter { $0.verdict == .regression } + rows.filter { $0.verdict == .improvement }
        + rows.filter { $0.verdict != .regression && $0.verdict != .improvement }
}

/// The versions the runs carry, in order of first appearance (normally exactly one).
private func versionNames(_ runs: [RunRecord]) -> String {
    var seen = Set<String>()
    return runs.map(\.version).filter { seen.insert($0).inserted }.joined(separator: ", ")
}

/// Runs that did not complete, counted by version and status.
private func leftOutRuns(_ runs: [RunRecord]) -> [LeftOutRuns] {
    var tallies: [LeftOutRuns] = []
    for run in runs where run.status != .completed {
        if let index = tallies.firstIndex(where: { $0.version == run.version && $0.status == run.status }) {
            tallies[index].count += 1
        } else {
            tallies.append(LeftOutRuns(version: run.version, status: run.status, count: 1))
        }
    }
    return tallies
}
