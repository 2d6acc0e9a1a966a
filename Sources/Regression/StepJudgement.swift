/// The verdicts of one (scenario, step): all its metrics judged together, because the gate
/// fails when any of them regresses. Eight metrics each tested at alpha would fail identical
/// versions far more often than alpha (measured: 4 of 20 same-setup pairs at 3 vs 3), so the
/// p-values are Holm-adjusted over the step's metrics: the chance that any row of an unchanged
/// step is called a regression stays at most alpha.
enum StepJudgement {
    /// How far beyond its threshold an untested change must be to fail the gate (one run each,
    /// no history), and for a latency metric the median must have moved that far too: between
    /// runs of one setup on a busy machine, tail percentiles moved by up to +1,500% while the
    /// median stayed within ±10% (bench/gate-accuracy), so only a move of the whole
    /// distribution is trusted without a test.
    static let untestedMultiple = 3.0

    /// Adjusts the step's p-values (Holm) and gives every row its verdict and, where it rests
    /// on nothing, a note saying so.
    static func judge(_ rows: inout [ComparisonRow], alpha: Double) {
        adjustPValues(&rows)
        let median = rows.first { $0.metric == .p50 }
        let medianMovedFar = median.map { farBeyondThreshold($0) } ?? 0
        for index in rows.indices {
            rows[index].verdict = verdict(rows[index], alpha: alpha, medianMovedFar: medianMovedFar)
            if let median, isLoneRunsTail(rows[index], median: median) {
                rows[index].verdict = .inconclusive
                let side = rows[index].worsening > 0 ? "current" : "baseline"
                rows[index].note = "the one \(side) run's tail moved while its median did not, the mark of a noisy "
                    + "neighbour as much as of a change; another \(side) run settles it"
            }
            let row = rows[index]
            guard row.test == SignificanceTest.none else { continue }
            switch row.verdict {
            case .unchanged?: rows[index].note = nil
            case .regression?, .improvement?:
                rows[index].note = "not confirmed by any test: " + (row.note ?? "")
                    + "; judged on size alone: beyond \(String(format: "%g", untestedMultiple))× its threshold"
                    + (row.metric.isLatency ? ", and so was the median" : "")
            default: break
            }
        }
    }

    /// Holm's step-down adjustment over the rows that have a p-value: the k-th smallest is
    /// multiplied by (m - k + 1), and kept no smaller than the one before it.
    static func adjustPValues(_ rows: inout [ComparisonRow]) {
        let tested = rows.indices.filter { rows[$0].pValue != nil }.sorted { rows[$0].pValue! < rows[$1].pValue! }
        var floor = 0.0
        for (rank, index) in tested.enumerated() {
            let adjusted = min(1, max(floor, rows[index].pValue! * Double(tested.count - rank)))
            rows[index].pValue = adjusted
            floor = adjusted
        }
    }

    /// Regression or improvement when the change is beyond the threshold and the (adjusted)
    /// test agrees; untested, only far beyond and with the median along; inconclusive when
    /// beyond but unconfirmed.
    private static func verdict(_ row: ComparisonRow, alpha: Double, medianMovedFar: Double) -> RegressionVerdict {
        guard row.baseline != nil, row.current != nil else { return .inconclusive }
        let worseBy = row.worsening
        guard abs(worseBy) > row.threshold + 1e-9 else { return .unchanged }
        let worseOrBetter: RegressionVerdict = worseBy > 0 ? .regression : .improvement
        switch row.test {
        case nil:
            return .inconclusive
        case SignificanceTest.none?:
            let far = farBeyondThreshold(row)
            let bulkAlong = !row.metric.isLatency || far.sign == medianMovedFar.sign && medianMovedFar != 0
            return far != 0 && bulkAlong ? worseOrBetter : .inconclusive
        case .mannWhitneyU?, .tTest?:
            return (row.pValue ?? 1) <= alpha ? worseOrBetter : .unchanged
        }
    }

    /// Whether a significant change of a tail metric (p90 and up, or the mean) rests on a single
    /// run on the side that got worse, with the median not beyond its threshold the same way.
    /// On a busy machine one run in a few has its tail thrown up by a neighbour (p90 +85% with
    /// the median in place, against a run-to-run spread of 3%): one run cannot tell that from a
    /// regression, and a normal-theory test trusts it, so such a row waits for a second run.
    private static func isLoneRunsTail(_ row: ComparisonRow, median: ComparisonRow) -> Bool {
        guard row.verdict == .regression || row.verdict == .improvement, row.metric.isLatency, row.metric != .p50
        else { return false }
        let worseSideRuns = row.verdict == .regression ? row.samples.currentRuns : row.samples.baselineRuns
        guard worseSideRuns == 1 else { return false }
        let medianAlong = abs(median.worsening) > median.threshold + 1e-9 && median.worsening.sign == row.worsening.sign
        return !medianAlong
    }

    /// +1 when the row is worse by more than `untestedMultiple` thresholds, -1 when better by
    /// that much, else 0.
    private static func farBeyondThreshold(_ row: ComparisonRow) -> Double {
        let worseBy = row.worsening
        guard abs(worseBy) > row.threshold * untestedMultiple + 1e-9 else { return 0 }
        return worseBy > 0 ? 1 : -1
    }
}

extension ComparisonRow {
    /// The change in the metric's worse direction (negative: it got better), in the delta's
    /// unit; a change from zero counts as infinitely large, since no threshold can hold it.
    var worsening: Double {
        let sign = metric.direction == .higherIsWorse ? 1.0 : -1.0
        guard let baseline, let current else { return 0 }
        guard let delta else { return current > baseline ? sign * .infinity : -sign * .infinity }
        return sign * delta
    }
}
