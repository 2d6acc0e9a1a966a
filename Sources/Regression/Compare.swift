import Baselines

/// Compares the current version's runs with the baseline version's: one row per (scenario,
/// step, metric) measured in either, with a verdict where both measured it. Only completed
/// runs are compared; the others are tallied in `leftOutRuns` and mentioned in the notes.
/// `history` holds stored runs of other versions: those of a compared step, completed on one
/// of the baseline's machines, feed the run-to-run noise estimate. Deterministic: the same
/// runs always give the same comparison.
public func compare(baseline: [RunRecord], current: [RunRecord], history: [RunRecord] = [],
                    thresholds: Thresholds, metrics: [Metric] = Metric.allCases,
                    alpha: Double = 0.05) -> Comparison {
    var seen = Set<Metric>()
    let metrics = metrics.filter { seen.insert($0).inserted }
    let completedBaseline = baseline.filter { $0.status == .completed }
    let completedCurrent = current.filter { $0.status == .completed }
    let baselineSteps = measuredSteps(completedBaseline, metrics: metrics)
    let currentSteps = measuredSteps(completedCurrent, metrics: metrics)
    let keys = Set(baselineSteps.keys).union(currentSteps.keys).sorted()
    let historySteps = historyByStep(history, baseline: completedBaseline, current: completedCurrent,
                                     steps: Set(baselineSteps.keys).intersection(currentSteps.keys), metrics: metrics)

    var rows: [ComparisonRow] = []
    for key in keys {
        var stepRows: [ComparisonRow] = []
        for metric in metrics {
            let threshold = thresholds.threshold(for: metric)
            switch (baselineSteps[key], currentSteps[key]) {
            case let (baselineRuns?, currentRuns?):
                stepRows.append(RowComparison.compared(key, metric: metric, baseline: baselineRuns,
                                                       current: currentRuns, history: historySteps[key] ?? [],
                                                       threshold: threshold, alpha: alpha,
                                                       familySize: metrics.count))
            case let (baselineRuns?, nil):
                stepRows.append(RowComparison.measuredOnce(key, metric: metric, runs: baselineRuns,
                                                           presence: .baselineOnly, threshold: threshold))
            case let (nil, currentRuns?):
                stepRows.append(RowComparison.measuredOnce(key, metric: metric, runs: currentRuns,
                                                           presence: .currentOnly, threshold: threshold))
            case (nil, nil):
                break
            }
        }
        if baselineSteps[key] != nil, currentSteps[key] != nil { StepJudgement.judge(&stepRows, alpha: alpha) }
        rows += stepRows
    }

    let baselineVersion = versionNames(baseline)
    let currentVersion = versionNames(current)
    let leftOut = leftOutRuns(baseline) + leftOutRuns(current)
    var notes = verdictBasis(rows).map { [$0] } ?? []
    notes += leftOut.map {
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

/// The history of each compared step: completed runs of versions other than the two compared,
/// on one of the baseline's machines, grouped by version in the order versions were first
/// measured. Another machine's runs would mix its noise (and speed) into the estimate.
private func historyByStep(_ history: [RunRecord], baseline: [RunRecord], current: [RunRecord],
                           steps: Set<StepKey>, metrics: [Metric]) -> [StepKey: [[MeasuredRun]]] {
    let comparedVersions = Set((baseline + current).map(\.version))
    let machines = Set(baseline.map(\.host))
    let usable = history
        .filter { $0.status == .completed && !comparedVersions.contains($0.version) && machines.contains($0.host) }
        .filter { steps.contains(StepKey(scenario: $0.scenario, step: $0.step)) }
        .sorted { $0.startedAt < $1.startedAt }
    var result: [StepKey: [[MeasuredRun]]] = [:]
    for (key, runs) in Dictionary(grouping: usable, by: { StepKey(scenario: $0.scenario, step: $0.step) }) {
        var versionOrder: [String] = []
        var byVersion: [String: [MeasuredRun]] = [:]
        for run in runs {
            if byVersion[run.version] == nil { versionOrder.append(run.version) }
            byVersion[run.version, default: []].append(MeasuredRun(run, metrics: metrics))
        }
        result[key] = versionOrder.map { byVersion[$0]! }
    }
    return result
}

/// One sentence on what the verdicts rest on, test by test, for the notes: the reader of a
/// failed (or passed) gate sees whether it stood on replicated runs, on history, or on nothing.
private func verdictBasis(_ rows: [ComparisonRow]) -> String? {
    let tested = rows.filter { $0.presence == .both && $0.test != nil }
    guard !tested.isEmpty else { return nil }
    var parts: [String] = []
    let metricsPerStep = Set(rows.map(\.metric)).count
    let byTest = Dictionary(grouping: tested, by: { $0.test! })
    for test in SignificanceTest.allCases {
        guard let rows = byTest[test] else { continue }
        let counts = rows.map { "\($0.samples.baselineRuns) vs \($0.samples.currentRuns)" }
        let runs = Set(counts).sorted().joined(separator: ", ")
        let count = "\(rows.count) row\(rows.count == 1 ? "" : "s")"
        switch test {
        case .mannWhitneyU:
            parts.append("\(count) on Mann-Whitney U over \(runs) runs")
        case .tTest:
            let largest = rows.compactMap(\.noise).max { $0.runs < $1.runs }
            let sources = Set(rows.compactMap { $0.noise?.source.description }).sorted().joined(separator: "; ")
            parts.append("\(count) on Student's t over \(runs) runs with run-to-run noise from \(sources)"
                         + (largest.map { " (up to \($0.runs) runs of \($0.versions) versions)" } ?? ""))
        case .none:
            parts.append("\(count) on no test (\(runs) runs and no history of the step on this machine: "
                         + "only a change beyond \(String(format: "%g", StepJudgement.untestedMultiple))× its "
                         + "threshold, with the median moved as far, can fail the gate)")
        }
    }
    let adjusted = byTest[.mannWhitneyU] != nil || byTest[.tTest] != nil
    return "verdicts rest on: " + parts.joined(separator: "; ")
        + (adjusted && metricsPerStep > 1 ? "; p-values Holm-adjusted over each step's \(metricsPerStep) metrics" : "")
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
