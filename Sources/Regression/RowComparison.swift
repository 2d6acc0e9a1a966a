/// Builds the row for one metric of one (scenario, step).
enum RowComparison {
    /// The row for a step both versions measured: values, change, significance, verdict.
    /// `history` holds the same step's runs of other versions on the baseline's machine, one
    /// array per version in the order the versions were first measured.
    static func compared(_ key: StepKey, metric: Metric, baseline: [MeasuredRun], current: [MeasuredRun],
                         history: [[MeasuredRun]], threshold: Double, alpha: Double) -> ComparisonRow {
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
        let worseBy = worsening(metric, from: baselineValue, to: currentValue, delta: row.delta)
        if let needed = metric.minimumSamplesPerRun,
           let fewest = (baseline + current).map({ $0.record.histograms["latency"]?.totalCount ?? 0 }).min(),
           fewest < UInt64(needed) {
            row.verdict = verdict(worseBy: worseBy, threshold: threshold, test: nil, pValue: nil, alpha: alpha)
            row.note = "too few requests for \(metric.rawValue): \(fewest) in the smallest run, \(needed) needed "
                + "(ten beyond the percentile); record longer runs"
            return row
        }
        // Test in the direction the values moved, so an improvement gets its own p-value.
        let direction = worseBy >= 0 ? metric.direction : metric.direction.reversed
        let baselineScaled = baselineRuns.compactMap(metric.onTestScale)
        let currentScaled = currentRuns.compactMap(metric.onTestScale)
        guard baselineScaled.count == baselineRuns.count, currentScaled.count == currentRuns.count else {
            row.verdict = verdict(worseBy: worseBy, threshold: threshold, test: .none, pValue: nil, alpha: alpha)
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
            direction: direction, alpha: alpha)
        row.test = significance.test
        row.pValue = significance.pValue
        row.noise = significance.noise
        row.verdict = verdict(worseBy: worseBy, threshold: threshold, test: significance.test,
                              pValue: significance.pValue, alpha: alpha)
        // An untested row within its threshold needs no explanation; the summary says what rests on nothing.
        row.note = significance.test == .none && row.verdict == .unchanged ? nil : significance.note
        if significance.test == .none, row.verdict == .regression || row.verdict == .improvement {
            row.note = "not confirmed by any test: " + (significance.note ?? "")
                + "; judged on size alone, beyond \(Self.unconfirmedMultiple)× the threshold"
        }
        return row
    }

    /// How far beyond its threshold a change must be to count when no test can confirm it (one
    /// run each, no history): a change of that size is more than run-to-run noise was seen to
    /// reach on these metrics (bench/gate-accuracy).
    public static let unconfirmedMultiple = 3.0

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

    /// Regression or improvement only when the change passes the threshold and the test agrees.
    /// Untested (`.none`): only a change beyond `unconfirmedMultiple` times the threshold counts,
    /// and one beyond the threshold but not that far is inconclusive.
    static func verdict(worseBy: Double, threshold: Double, test: SignificanceTest?, pValue: Double?,
                        alpha: Double) -> RegressionVerdict {
        // The tolerance keeps rounding noise (1.0% → 1.5% computing as +0.5000000000000001
        // points) from turning a change equal to its threshold into one beyond it.
        let beyondThreshold = abs(worseBy) > threshold + 1e-9
        guard beyondThreshold else { return .unchanged }
        let worseOrBetter: RegressionVerdict = worseBy > 0 ? .regression : .improvement
        guard let pValue else {
            return test == SignificanceTest.none && abs(worseBy) > threshold * unconfirmedMultiple + 1e-9
                ? worseOrBetter : .inconclusive
        }
        return pValue <= alpha ? worseOrBetter : .unchanged
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

    /// The change in the metric's worse direction (negative: it got better); a change from
    /// zero counts as infinitely large, since no threshold can hold it.
    private static func worsening(_ metric: Metric, from baseline: Double, to current: Double,
                                  delta: Double?) -> Double {
        let sign = metric.direction == .higherIsWorse ? 1.0 : -1.0
        guard let delta else { return current > baseline ? sign * .infinity : -sign * .infinity }
        return sign * delta
    }
}
