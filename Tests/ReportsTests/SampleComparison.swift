import Regression

/// A comparison with one row of each kind, written out by hand: the reports only render, so
/// their tests need known input, not a statistics run.
enum SampleComparison {
    static func row(_ step: String, _ metric: Metric, baseline: Double?, current: Double?, delta: Double?,
                    pValue: Double?, test: SignificanceTest?, noise: RunToRunNoise? = nil,
                    verdict: RegressionVerdict?, presence: StepPresence = .both,
                    note: String? = nil) -> ComparisonRow {
        ComparisonRow(scenario: "latency", step: step, metric: metric, presence: presence, baseline: baseline,
                      current: current, delta: delta, deltaUnit: metric.deltaUnit,
                      threshold: metric == .errorRate ? 0.5 : 10, pValue: pValue, test: test, noise: noise,
                      samples: test == .mannWhitneyU
                          ? SampleCounts(baselineRuns: 3, currentRuns: 3, baselineSeconds: 180, currentSeconds: 180)
                          : SampleCounts(baselineRuns: 1, currentRuns: 1, baselineSeconds: 60, currentSeconds: 60),
                      verdict: verdict, note: note)
    }

    static let rows: [ComparisonRow] = [
        row("GET /api/prices", .p99, baseline: 12.3, current: 16.1, delta: 30.9, pValue: 0.05, test: .mannWhitneyU,
            verdict: .regression),
        row("GET /api/prices", .errorRate, baseline: 1.0, current: 1.6, delta: 0.6, pValue: 0.0004, test: .mannWhitneyU,
            verdict: .regression),
        row("GET /api/signals", .p50, baseline: 8.2, current: 5.9, delta: -28.0, pValue: 0.0005, test: .tTest,
            noise: RunToRunNoise(source: .history, spread: 0.04, degreesOfFreedom: 11, runs: 12, versions: 6),
            verdict: .improvement),
        row("GET /api/prices", .throughput, baseline: 200, current: 199.5, delta: -0.25, pValue: 0.41,
            test: .mannWhitneyU, verdict: .unchanged),
        row("GET /api/signals", .p99, baseline: 20, current: 30, delta: 50, pValue: nil, test: SignificanceTest.none,
            noise: RunToRunNoise.none, verdict: .inconclusive, note: "no run-to-run noise estimate"),
        row("POST /api/orders <new> & \"quoted\"", .p99, baseline: nil, current: 4.2, delta: nil, pValue: nil,
            test: nil, verdict: nil, presence: .currentOnly),
    ]

    static func make(rows: [ComparisonRow] = rows, hostWarning: String? = nil) -> Comparison {
        Comparison(baselineVersion: "v1.2.2", currentVersion: "v1.2.3",
                   thresholds: Thresholds(percent: 10, overrides: [.errorRate: 0.5, .p99: 15]), alpha: 0.05, rows: rows,
                   hostWarning: hostWarning,
                   notes: ["left out 1 interrupted run of v1.2.3: only completed runs are compared"],
                   leftOutRuns: [LeftOutRuns(version: "v1.2.3", status: .interrupted, count: 1)])
    }
}
