import Baselines
@testable import Regression
import RunFixtures
import Testing

@Suite struct CompareTests {
    private let base = RunBuilder()
    private let defaults = Thresholds()

    private func row(_ comparison: Comparison, _ metric: Metric,
                     step: String = "GET /api/prices") throws -> ComparisonRow {
        try #require(comparison.rows.first { $0.metric == metric && $0.step == step })
    }

    @Test func oneRunEachWithoutHistoryIsNotTestedAndSaysWhatWouldSettleIt() throws {
        let slower = base.with(version: "v1.2.3", seed: 99) { $0.latencyMilliseconds = 12 }
        let comparison = compare(baseline: [base.build()], current: [slower.build()], thresholds: defaults)
        let p50 = try row(comparison, .p50)
        #expect(p50.test == SignificanceTest.none)
        #expect(p50.pValue == nil)
        #expect(p50.noise == RunToRunNoise.none)
        #expect(p50.verdict == .inconclusive)
        #expect(abs(try #require(p50.delta) - 20) < 6)
        #expect(p50.note?.contains("no run-to-run noise estimate (1 vs 1 runs") == true)
        #expect(p50.note?.contains("a second run of either version gives one (perfkit gate") == true)
        #expect(p50.note?.contains("5 runs of each (--repeat 5) allow Mann-Whitney U") == true)
        #expect(!comparison.hasRegression)
        #expect(comparison.notes.first?.hasPrefix("verdicts rest on: 7 rows on no test (1 vs 1 runs") == true)
    }

    @Test func oneRunEachFailsTheGateOnlyFarBeyondTheThresholdAndSaysSo() throws {
        let doubled = base.with(version: "v1.2.3", seed: 99) { $0.latencyMilliseconds = 20 }
        let comparison = compare(baseline: [base.build()], current: [doubled.build()], thresholds: defaults)
        let p50 = try row(comparison, .p50)
        #expect(p50.verdict == .regression)
        #expect(p50.test == SignificanceTest.none)
        #expect(p50.note?.hasPrefix("not confirmed by any test: no run-to-run noise estimate") == true)
        #expect(p50.note?.contains("judged on size alone: beyond 3× its threshold") == true)
        #expect(try row(comparison, .p99).note?.contains(", and so was the median") == true)
        #expect(comparison.hasRegression)
    }

    @Test func oneCurrentRunIsJudgedAgainstTheSpreadOfFiveBaselineRuns() throws {
        let slower = base.with(version: "v1.2.3", seed: 99) { $0.latencyMilliseconds = 13 }
        let comparison = compare(baseline: base.runs(5), current: [slower.build()], thresholds: defaults)
        let p50 = try row(comparison, .p50)
        #expect(p50.test == .tTest)
        #expect(p50.noise?.source == .comparedRuns)
        #expect(p50.noise?.degreesOfFreedom == 4 && p50.noise?.runs == 5 && p50.noise?.versions == 1)
        #expect(try #require(p50.pValue) < 0.01)
        #expect(p50.verdict == .regression)
        let same = compare(baseline: base.runs(5), current: [base.with(version: "v1.2.3", seed: 99).build()],
                           thresholds: defaults)
        #expect(!same.hasRegression)
    }

    @Test func oneRunsTailAloneWaitsForASecondRun() throws {
        // The current run's requests spread far wider (a neighbour's stalls): p99 up, median in place.
        let stalled = base.with(version: "v1.2.3", seed: 99) { $0.spread = 0.6 }
        let comparison = compare(baseline: base.runs(5), current: [stalled.build()], thresholds: defaults)
        let p99 = try row(comparison, .p99)
        #expect(p99.test == .tTest)
        #expect(try #require(p99.delta) > 50)
        #expect(p99.verdict == .inconclusive)
        #expect(p99.note?.contains("the one current run's tail moved while its median did not") == true)
        #expect(p99.awaitsMoreRuns(alpha: 0.05))
        #expect(try row(comparison, .p50).verdict == .unchanged)
        #expect(!comparison.hasRegression)

        let twice = compare(baseline: base.runs(5), current: stalled.runs(2), thresholds: defaults)
        #expect(try row(twice, .p99).verdict == .regression)
    }

    @Test func historyOfOtherVersionsOnTheSameMachineGivesOneRunEachANoiseEstimate() throws {
        let history = (0..<6).map { base.with(version: "v1.1.\($0)", seed: 300 + UInt64($0)).build() }
        let slower = base.with(version: "v1.2.3", seed: 99) { $0.latencyMilliseconds = 13 }
        let comparison = compare(baseline: [base.build()], current: [slower.build()], history: history,
                                 thresholds: defaults)
        let p50 = try row(comparison, .p50)
        #expect(p50.test == .tTest)
        #expect(p50.noise?.source == .history)
        #expect(p50.noise?.degreesOfFreedom == 5 && p50.noise?.runs == 6 && p50.noise?.versions == 6)
        #expect(p50.verdict == .regression)
        #expect(comparison.notes.first?.contains("Student's t over 1 vs 1 runs with run-to-run noise from the store's history") == true)

        let elsewhere = HostFingerprint(cpuModel: "Other CPU", cores: 64, memoryBytes: 1 << 40, kernel: "6.9")
        let foreign = history.map { run -> RunRecord in
            var run = run
            run.host = elsewhere
            return run
        }
        let unrelated = compare(baseline: [base.build()], current: [slower.build()], history: foreign,
                                thresholds: defaults)
        #expect(try row(unrelated, .p50).test == SignificanceTest.none)
    }

    @Test func historyRunsOfTheComparedVersionsOrOtherStepsAreNotHistory() throws {
        let sameVersion = (0..<4).map { base.with(version: "v1.2.3", seed: 400 + UInt64($0)).build() }
        let otherStep = (0..<4).map { base.with(version: "v1.1.\($0)", seed: 500 + UInt64($0)) { $0.step = "GET /x" }.build() }
        let comparison = compare(baseline: [base.build()], current: [base.with(version: "v1.2.3", seed: 9).build()],
                                 history: sameVersion + otherStep, thresholds: defaults, metrics: [.p50])
        #expect(try row(comparison, .p50).test == SignificanceTest.none)
    }

    @Test func threeRunsEachThirtyPercentSlowerIsARegressionByStudentsTOverTheirSpread() throws {
        let slower = base.with(version: "v1.2.3", seed: 500) { $0.latencyMilliseconds = 13 }
        let comparison = compare(baseline: base.runs(3), current: slower.runs(3), thresholds: defaults)
        for metric in [Metric.p50, .p90, .p95, .p99, .mean] {
            let row = try row(comparison, metric)
            #expect(row.verdict == .regression, "\(metric.rawValue)")
            #expect(row.test == .tTest)
            #expect(row.noise?.source == .comparedRuns && row.noise?.degreesOfFreedom == 4)
            #expect(try #require(row.pValue) < 0.01)
            #expect(row.samples.baselineRuns == 3 && row.samples.currentRuns == 3)
        }
        #expect(comparison.notes.first?.hasSuffix("p-values Holm-adjusted over each step's 8 metrics") == true)
        #expect(try row(comparison, .throughput).verdict == .unchanged)
        #expect(try row(comparison, .errorRate).verdict == .unchanged)
    }

    @Test func tailPercentilesOfShortRunsAreNotJudged() throws {
        // 2 s at 200 req/s: about 400 requests a run, enough for p95 (200) but not for p99
        // (1,000) or p99.9 (10,000), whose values would be a run's few slowest requests.
        var short = base
        short.seconds = 2
        let slower = short.with(version: "v1.2.3", seed: 7) { $0.latencyMilliseconds = 20 }
        let comparison = compare(baseline: short.runs(3), current: slower.runs(3), thresholds: defaults)
        for metric in [Metric.p99, .p999] {
            let tail = try row(comparison, metric)
            #expect(tail.verdict == .inconclusive, "\(metric.rawValue)")
            #expect(tail.pValue == nil)
            #expect(tail.note?.contains("too few requests for \(metric.rawValue)") == true)
        }
        #expect(try row(comparison, .p95).verdict == .regression)
    }

    @Test func oneMetricOfThreeRunsEachUsesExactMannWhitneyU() throws {
        let slower = base.with(version: "v1.2.3", seed: 500) { $0.latencyMilliseconds = 13 }
        let p50 = try row(compare(baseline: base.runs(3), current: slower.runs(3), thresholds: defaults,
                                  metrics: [.p50]), .p50)
        #expect(p50.test == .mannWhitneyU)
        #expect(p50.noise == nil)
        #expect(p50.pValue == 0.05)
        #expect(p50.verdict == .regression)
    }

    @Test func pValuesAreHolmAdjustedOverTheStepsMetrics() {
        var rows = [0.01, 0.04, 0.03, nil].map { p in
            ComparisonRow(scenario: "s", step: "GET /", metric: .p50, presence: .both, baseline: 1, current: 2,
                          delta: 100, deltaUnit: .percent, threshold: 10, pValue: p, test: p == nil ? nil : .tTest,
                          samples: SampleCounts(baselineRuns: 3, currentRuns: 3, baselineSeconds: 0, currentSeconds: 0),
                          verdict: nil, note: nil)
        }
        StepJudgement.adjustPValues(&rows)
        // Sorted 0.01, 0.03, 0.04 among three tested rows: ×3, ×2, ×1, never decreasing.
        #expect(rows.map(\.pValue) == [0.03, 0.06, 0.06, nil])
    }

    @Test func sameServerTwiceIsNotARegressionInAtLeast19Of20Trials() {
        var falseAlarmsOneRun = 0, falseAlarmsThreeRuns = 0
        for trial in UInt64(0)..<20 {
            let baselineBuilder = base.with(version: "v1.2.2", seed: 1_000 + trial * 31)
            let currentBuilder = base.with(version: "v1.2.3", seed: 2_000 + trial * 37)
            if compare(baseline: [baselineBuilder.build()], current: [currentBuilder.build()], thresholds: defaults)
                .hasRegression { falseAlarmsOneRun += 1 }
            if compare(baseline: baselineBuilder.runs(3), current: currentBuilder.runs(3), thresholds: defaults)
                .hasRegression { falseAlarmsThreeRuns += 1 }
        }
        #expect(falseAlarmsOneRun <= 1)
        #expect(falseAlarmsThreeRuns <= 1)
    }

    @Test func fasterCurrentIsAnImprovement() throws {
        let faster = base.with(version: "v1.2.3", seed: 77) { $0.latencyMilliseconds = 7 }
        let comparison = compare(baseline: base.runs(3), current: faster.runs(3), thresholds: defaults)
        let p99 = try row(comparison, .p99)
        #expect(p99.verdict == .improvement)
        #expect(try #require(p99.pValue) < 0.05)
        #expect(try #require(p99.delta) < -25)
        #expect(!comparison.hasRegression)
    }

    @Test func aChangeBelowTheThresholdIsUnchangedEvenWhenSignificant() throws {
        // No run-to-run noise: a 5% slowdown then separates the runs completely (p ≤ 0.05; below
        // 0.05 when runs of one version tie on a histogram bucket and the tie correction applies).
        let steady = base.with(version: "v1.2.2", seed: 1) { $0.runNoise = 0 }
        let slower = steady.with(version: "v1.2.3", seed: 77) { $0.latencyMilliseconds = 10.5 }
        let lenient = try row(compare(baseline: steady.runs(3), current: slower.runs(3), thresholds: defaults), .p50)
        #expect(try #require(lenient.pValue) <= 0.05)
        #expect(lenient.verdict == .unchanged)
        let strict = try row(compare(baseline: steady.runs(3), current: slower.runs(3),
                                     thresholds: try Thresholds.parse(["10", "p50=2"])), .p50)
        #expect(strict.verdict == .regression)
    }

    @Test func errorRateThresholdIsInPercentagePoints() throws {
        let baselineRuns = base.with(version: "v1.2.2", seed: 5) { $0.errorRate = 0.01 }.runs(3)
        let currentRuns = base.with(version: "v1.2.3", seed: 6) { $0.errorRate = 0.016 }.runs(3)
        let lenient = try row(compare(baseline: baselineRuns, current: currentRuns, thresholds: defaults), .errorRate)
        #expect(abs(try #require(lenient.delta) - 0.6) < 0.05)
        #expect(lenient.deltaUnit == .points)
        #expect(lenient.threshold == 1)
        #expect(lenient.verdict == .unchanged)
        let strict = try row(compare(baseline: baselineRuns, current: currentRuns,
                                     thresholds: try Thresholds.parse(["error_rate=0.5"])), .errorRate)
        #expect(strict.threshold == 0.5)
        #expect(strict.verdict == .regression)
    }

    @Test func aChangeEqualToItsThresholdIsNotBeyondIt() throws {
        // 1% → 1.6% computes as +0.6000000000000001 points; the report prints +0.60 pt.
        var baselineRun = base.with(version: "v1.2.2", seed: 5) { $0.errorRate = 0.01 }.build()
        var currentRun = base.with(version: "v1.2.3", seed: 6) { $0.errorRate = 0.016 }.build()
        baselineRun.counts.completed = 6_000
        baselineRun.counts.failures = 60
        currentRun.counts.completed = 6_000
        currentRun.counts.failures = 96
        let atThreshold = try row(compare(baseline: [baselineRun], current: [currentRun],
                                          thresholds: try Thresholds.parse(["error_rate=0.6"])), .errorRate)
        #expect(atThreshold.delta == 0.6000000000000001)
        #expect(atThreshold.verdict == .unchanged)
        let belowThreshold = try row(compare(baseline: [baselineRun], current: [currentRun],
                                             thresholds: try Thresholds.parse(["error_rate=0.59"])), .errorRate)
        #expect(belowThreshold.verdict == .inconclusive)
    }

    @Test func lowerThroughputIsWorseAndHigherIsBetter() throws {
        let dropped = compare(baseline: base.runs(3),
                              current: base.with(version: "v1.2.3", seed: 8) { $0.requestsPerSecond = 140 }.runs(3),
                              thresholds: defaults)
        #expect(try row(dropped, .throughput).verdict == .regression)
        let raised = compare(baseline: base.runs(3),
                             current: base.with(version: "v1.2.3", seed: 8) { $0.requestsPerSecond = 260 }.runs(3),
                             thresholds: defaults)
        #expect(try row(raised, .throughput).verdict == .improvement)
    }

    @Test func twoRunsEachUseStudentsTWithTheirOwnSpreadAndNameTheRunsUNeeds() throws {
        let slower = base.with(version: "v1.2.3", seed: 40) { $0.latencyMilliseconds = 13 }
        let comparison = compare(baseline: base.runs(2), current: slower.runs(2), thresholds: defaults)
        let p50 = try row(comparison, .p50)
        #expect(p50.test == .tTest)
        #expect(p50.noise?.source == .comparedRuns && p50.noise?.degreesOfFreedom == 2)
        let note = try #require(p50.note)
        #expect(note.contains("Mann-Whitney U cannot reach p ≤ 0.00625 (alpha 0.05 over 8 metrics) with 2 vs 2 runs (5 runs of each would)"))
        #expect(p50.verdict == .regression)
    }

    @Test func aStricterAlphaNeverFallsBackToWithinRunResampling() throws {
        let steady = base.with(version: "v1.2.2", seed: 41)
        let same = compare(baseline: steady.runs(3), current: steady.with(version: "v1.2.3", seed: 42).runs(3),
                           thresholds: defaults, alpha: 0.01)
        for row in same.rows where row.metric != .p999 {
            #expect(row.test == .tTest, "\(row.metric.rawValue)")
            #expect(row.note?.contains("p ≤ 0.00125 (alpha 0.01 over 8 metrics) with 3 vs 3 runs (6 runs of each would)") == true)
        }
        #expect(!same.hasRegression)
    }

    @Test func aGateThatComparedNothingSaysSo() {
        let renamed = base.with(version: "v1.2.3", seed: 4) { $0.step = "GET /api/v2/prices" }
        let comparison = compare(baseline: [base.build()], current: [renamed.build()], thresholds: defaults)
        #expect(!comparison.comparesAnyStep)
        #expect(comparison.notes.contains("no (scenario, step) was measured in both v1.2.2 and v1.2.3"))
        #expect(compare(baseline: [base.build()], current: [base.with(version: "v1.2.3", seed: 4).build()],
                        thresholds: defaults).comparesAnyStep)
    }

    @Test func stepsMeasuredInOneVersionOnlyGetRowsWithoutVerdict() throws {
        let removed = base.with(version: "v1.2.2", seed: 3) { $0.step = "GET /api/signals" }.build()
        let added = base.with(version: "v1.2.3", seed: 4) { $0.step = "POST /api/orders" }.build()
        let comparison = compare(baseline: [base.build(), removed],
                                 current: [base.with(version: "v1.2.3", seed: 9).build(), added],
                                 thresholds: defaults, metrics: [.p99])
        #expect(comparison.rows.count == 3)
        let signals = try row(comparison, .p99, step: "GET /api/signals")
        #expect(signals.presence == .baselineOnly && signals.verdict == nil)
        #expect(signals.baseline != nil && signals.current == nil)
        let orders = try row(comparison, .p99, step: "POST /api/orders")
        #expect(orders.presence == .currentOnly && orders.verdict == nil && orders.samples.currentRuns == 1)
        #expect(try row(comparison, .p99).presence == .both)
    }

    @Test func differentMachinesAreWarnedAboutByName() throws {
        let other = HostFingerprint(cpuModel: "Other CPU @ 3.5GHz", cores: 16, memoryBytes: 64 << 30, kernel: "6.8.0")
        let comparison = compare(baseline: [base.build()],
                                 current: [base.with(version: "v1.2.3", seed: 2) { $0.host = other }.build()],
                                 thresholds: defaults)
        let warning = try #require(comparison.hostWarning)
        #expect(warning.contains("Test CPU @ 2.0GHz") && warning.contains("Other CPU @ 3.5GHz"))
        #expect(compare(baseline: [base.build()], current: [base.with(version: "v1.2.3", seed: 2).build()],
                        thresholds: defaults).hostWarning == nil)
    }

    @Test func onlyCompletedRunsAreComparedAndTheOthersAreMentioned() throws {
        let interrupted = base.with(version: "v1.2.3", seed: 12) {
            $0.status = .interrupted
            $0.latencyMilliseconds = 50
        }.build()
        let comparison = compare(baseline: [base.build()],
                                 current: [base.with(version: "v1.2.3", seed: 2).build(), interrupted],
                                 thresholds: defaults)
        #expect(!comparison.hasRegression)
        #expect(comparison.leftOutRuns == [LeftOutRuns(version: "v1.2.3", status: .interrupted, count: 1)])
        #expect(comparison.notes.contains("left out 1 interrupted run of v1.2.3: only completed runs are compared"))
        #expect(try row(comparison, .p50).samples.currentRuns == 1)
    }

    @Test func regressionsComeFirstThenImprovementsThenTheRest() {
        let slowPrices = base.with(version: "v1.2.3", seed: 2) { $0.latencyMilliseconds = 13 }
        let fastSignals = base.with(version: "v1.2.3", seed: 3) {
            $0.step = "GET /api/signals"
            $0.latencyMilliseconds = 7
        }
        let comparison = compare(
            baseline: base.runs(3) + base.with(version: "v1.2.2", seed: 4) { $0.step = "GET /api/signals" }.runs(3),
            current: slowPrices.runs(3) + fastSignals.runs(3), thresholds: defaults, metrics: [.p50, .throughput])
        #expect(comparison.rows.map(\.verdict) == [.regression, .improvement, .unchanged, .unchanged])
        #expect(comparison.rows.map(\.step) == ["GET /api/prices", "GET /api/signals", "GET /api/prices",
                                                "GET /api/signals"])
        #expect(comparison.rows.map(\.metric) == [.p50, .p50, .throughput, .throughput])
    }

    @Test func missingLatencyHistogramIsInconclusiveWithAReason() throws {
        var current = base.with(version: "v1.2.3", seed: 2).build()
        current.histograms = [:]
        let p99 = try row(compare(baseline: [base.build()], current: [current], thresholds: defaults), .p99)
        #expect(p99.verdict == .inconclusive)
        #expect(p99.note == "no p99 in the current runs (no latency histogram)")
    }

    @Test func theSameRunsAlwaysGiveTheSameComparison() {
        let baselineRuns = base.runs(1), currentRuns = base.with(version: "v1.2.3", seed: 3).runs(1)
        #expect(compare(baseline: baselineRuns, current: currentRuns, thresholds: defaults)
            == compare(baseline: baselineRuns, current: currentRuns, thresholds: defaults))
    }
}
