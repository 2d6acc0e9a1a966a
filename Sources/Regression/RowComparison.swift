/// Builds the row for one metric of one (scenario, step).
enum RowComparison {
    /// The row for a step both versions measured: values, change, the test and its raw p-value.
    /// The verdict is the step's to give (`StepJudgement`), once the p-values of all its metrics
    /// are known. `familySize` is how many metrics the step's verdicts are corrected for.
    /// `history` holds the same step's runs of other versions on the baseline's machine, one
    /// array per version in the order the versions were first measured.
    static func compared(_ key: StepKey, metric: Metric, baseline: [MeasuredRun], current: [MeasuredRun],
                         history: [[MeasuredRun]], threshold: Double, alpha: Double,
                         familySize: Int) -> ComparisonRow {
        let baselineRuns = baseline.compactMap { $0.values[metric] }
        let currentRuns = current.compactMap { $0.values[metric] }
        var row = ComparisonRow(
            scenario: key.scenario, step: key.step, metric: metric, presence: .both,
            baseline: median(baselineRuns), current: median(currentRuns), delta: nil, deltaUnit: metric.deltaUnit,
            threshold: threshold, pValue: nil, test: nil, noise: nil,
            samples: SampleCounts(baselineRuns: baselineRuns.count, currentRuns: currentRuns.count,
                                  baselineSeconds: baseline.reduce(0) { $0 + metric.secondsWithValue(in: $1.record) },
                                  currentSeconds: current.reduce(0) { $0 + metric.secondsWithValue(in: $1.record) }),
            verdict: .inconclusive, note: nil)
        guard let baselineValue = row.baseline, let currentValue = row.current else {
            let missing = [(row.baseline, "baseline"), (row.current, "current")].filter { $0.0 == nil }.map(\.1)
            row.note = "no \(metric.rawValue) in the \(missing.joined(separator: " or ")) runs "
                + (metric.isLatency ? "(no latency histogram)" : "(no completed requests)")
            return row
        }
        row.delta = delta(metric, from: baselineValue, to: currentValue)
        let worseBy = row.worsening
        if let needed = metric.minimumSamplesPerRun,
           let fewest = (baseline + current).map({ $0.record.histograms["latency"]?.totalCount ?? 0 }).min(),
           fewest < UInt64(needed) {
            row.note = "too few requests for \(metric.rawValue): \(fewest) in the smallest run, \(needed) needed "
                + "(ten beyond the percentile); record longer runs"
            return row
        }
        // Test in the direction the values moved, so an improvement gets its own p-value.
        let direction = worseBy >= 0 ? metric.direction : metric.direction.reversed
        let baselineScaled = baselineRuns.compactMap(metric.onTestScale)
        let currentScaled = currentRuns.compactMap(metric.onTestScale)
        guard baselineScaled.count == baselineRuns.count, currentScaled.count == currentRuns.count else {
            row.test = SignificanceTest.none
            row.note = "a run measured \(metric.rawValue) as 0, which has no relative change to test"
            return row
        }
        let significance = SignificanceCheck(
            baseline: baselineScaled, current: currentScaled,
            noise: RunToRunNoise.estimate(
                compared: [.init(values: baselineScaled), .init(values: currentScaled)],
                history: history.map { .init(values: $0.compactMap { $0.values[metric] }.compactMap(metric.onTestScale)) },
                floor: metric.noiseFloor(runs: (baseline + current).map(\.record))),
            direction: direction, alpha: alpha, familySize: familySize)
        row.test = significance.test
        row.pValue = significance.pValue
        row.noise = significance.noise
        row.note = significance.note
        return row
    }

    /// The row for a step only one version measured: its values on that side, no verdict.
    static func measuredOnce(_ key: StepKey, metric: Metric, runs: [MeasuredRun], presence: StepPresence,
                             threshold: Double) -> ComparisonRow {
        let values = runs.compactMap { $0.values[metric] }
        let seconds = runs.reduce(0) { $0 + metric.secondsWithValue(in: $1.record) }
        let inBaseline = presence == .baselineOnly
        return ComparisonRow(
            scenario: key.scenario, step: key.step, metric: metric, presence: presence,
            baseline: inBaseline ? median(values) : nil, current: inBaseline ? nil : median(values),
            delta: nil, deltaUnit: metric.deltaUnit, threshold: threshold, pValue: nil, test: nil, noise: nil,
            samples: SampleCounts(baselineRuns: inBaseline ? values.count : 0,
                                  currentRuns: inBaseline ? 0 : values.count,
                                  baselineSeconds: inBaseline ? seconds : 0, currentSeconds: inBaseline ? 0 : seconds),
            verdict: nil, note: nil)
    }

    /// Percent of the baseline, or percentage points for the error rate; nil for a percent
    /// change from zero, which has no size.
    static func delta(_ metric: Metric, from baseline: Double, to current: Double) -> Double? {
        switch metric.deltaUnit {
        case .points: return current - baseline
        case .percent:
            if baseline == 0 { return current == 0 ? 0 : nil }
            return (current - baseline) / abs(baseline) * 100
        }
    }
}
