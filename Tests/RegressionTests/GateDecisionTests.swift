import Regression
import Testing

@Suite struct GateDecisionTests {
    private func row(_ metric: Metric, delta: Double, pValue: Double?, test: SignificanceTest,
                     verdict: RegressionVerdict) -> ComparisonRow {
        ComparisonRow(scenario: "latency", step: "GET /api/signals", metric: metric, presence: .both, baseline: 10,
                      current: 10 * (1 + delta / 100), delta: delta, deltaUnit: metric.deltaUnit, threshold: 10,
                      pValue: pValue, test: test, noise: nil,
                      samples: SampleCounts(baselineRuns: 3, currentRuns: 1, baselineSeconds: 180, currentSeconds: 60),
                      verdict: verdict, note: nil)
    }

    private func comparison(_ rows: [ComparisonRow]) -> Comparison {
        Comparison(baselineVersion: "v1.2.2", currentVersion: "v1.2.3", thresholds: Thresholds(percent: 10, overrides: [:]),
                   alpha: 0.05, rows: rows, hostWarning: nil, notes: [], leftOutRuns: [])
    }

    @Test func withinThresholdIsDecidedAtOnce() {
        let rows = [row(.p50, delta: 3, pValue: 0.5, test: .mannWhitneyU, verdict: .unchanged)]
        #expect(comparison(rows).gateDecision(alpha: 0.05, round: 1, maxRuns: 5) == .decided)
    }

    @Test func unconfirmedRowBeyondThresholdAsksForAnotherRunUntilTheLimit() {
        let untested = row(.p99, delta: 25, pValue: nil, test: .none, verdict: .inconclusive)
        let nearlySignificant = row(.p50, delta: 15, pValue: 0.12, test: .tTest, verdict: .unchanged)
        let gate = comparison([untested, nearlySignificant])
        #expect(gate.gateDecision(alpha: 0.05, round: 1, maxRuns: 5) == .recordAnother([untested, nearlySignificant]))
        #expect(gate.gateDecision(alpha: 0.05, round: 5, maxRuns: 5) == .undecidedAtLimit([untested, nearlySignificant]))
    }

    @Test func confirmedRegressionEndsTheGateWhateverElseIsOpen() {
        let confirmed = row(.p50, delta: 30, pValue: 0.001, test: .tTest, verdict: .regression)
        let open = row(.p99, delta: 25, pValue: nil, test: .none, verdict: .inconclusive)
        #expect(comparison([confirmed, open]).gateDecision(alpha: 0.05, round: 1, maxRuns: 5) == .decided)
    }

    @Test func untestedRegressionDoesNotEndTheGate() {
        let untested = row(.p50, delta: 60, pValue: nil, test: .none, verdict: .regression)
        #expect(comparison([untested]).gateDecision(alpha: 0.05, round: 2, maxRuns: 5) == .recordAnother([untested]))
    }
}
