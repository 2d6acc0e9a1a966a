import Baselines
import Regression
import RunFixtures
import Testing

@Suite struct CompareTests {
    private let base = RunBuilder()
    private let defaults = Thresholds()

    private func row(_ comparison: Comparison, _ metric: Metric,
                     step: String = "GET /api/prices") throws -> ComparisonRow {
        try #require(comparison.rows.first { $0.metric == metric && $0.step == step })
    }

    @Test func oneRunEachThirtyPercentSlowerIsARegressionByBootstrap() throws {
        let slower = base.with(version: "v1.2.3", seed: 99) { $0.latencyMilliseconds = 13 }
        let comparison = compare(baseline: [base.build()], current: [slower.build()], thresholds: defaults)
        let p50 = try row(comparison, .p50)
        #expect(p50.verdict == .regression)
        #expect(p50.test == .bootstrap)
        #expect(try #require(p50.pValue) < 0.01)
        #expect(abs(try #require(p50.delta) - 30) < 5)
        #expect(p50.samples == SampleCounts(baselineRuns: 1, currentRuns: 1, baselineSeconds: 30, currentSeconds: 30))
        #expect(comparison.hasRegression)
        #expect(comparison.baselineVersion == "v1.2.2" && comparison.currentVersion == "v1.2.3")
    }

    @Test func threeRunsEachThirtyPercentSlowerIsARegressionByMannWhitney() throws {
        let slower = base.with(version: "v1.2.3", seed: 500) { $0.latencyMilliseconds = 13 }
        let comparison = compare(baseline: base.runs(3), current: slower.runs(3), thresholds: defaults)
        for metric in [Metric.p50, .p90, .p95, .p99, .mean] {
            let row = try row(comparison, metric)
            #expect(row.verdict == .regression, "\(metric.rawValue)")
            #expect(row.test == .mannWhitneyU)
            #expect(row.pValue == 0.05)
            #expect(row.samples.baselineRuns == 3 && row.samples.currentRuns == 3)
        }
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
        #expect(p99.pValue == 0.05)
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
        let baselineRuns = [base.with(version: "v1.2.2", seed: 5) { $0.errorRate = 0.01 }.build()]
        let currentRuns = [base.with(version: "v1.2.3", seed: 6) { $0.errorRate = 0.016 }.build()]
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
        #expect(belowThreshold.verdict == .regression)
    }

    @Test func lowerThroughputIsWorseAndHigherIsBetter() throws {
        let dropped = compare(baseline: [base.build()],
                              current: [base.with(version: "v1.2.3", seed: 8) { $0.requestsPerSecond = 140 }.build()],
                              thresholds: defaults)
        #expect(try row(dropped, .throughput).verdict == .regression)
        let raised = compare(baseline: [base.build()],
                             current: [base.with(version: "v1.2.3", seed: 8) { $0.requestsPerSecond = 260 }.build()],
                             thresholds: defaults)
        #expect(try row(raised, .throughput).verdict == .improvement)
    }

    @Test func twoRunsEachAreTooThinForMannWhitneyAndFallBackToTheBootstrap() throws {
        let slower = base.with(version: "v1.2.3", seed: 40) { $0.latencyMilliseconds = 13 }
        let comparison = compare(baseline: base.runs(2), current: slower.runs(2), thresholds: defaults)
        let p50 = try row(comparison, .p50)
        #expect(p50.test == .bootstrap)
        #expect(p50.samples.baselineSeconds == 60 && p50.samples.currentSeconds == 60)
        let note = try #require(p50.note)
        #expect(note.contains("too few runs for Mann-Whitney U: 2 vs 2 runs cannot reach p ≤ 0.05"))
        #expect(note.contains("0.167"))
        #expect(note.contains("bootstrap over the per-second windows"))
        #expect(p50.verdict == .regression)
    }

    @Test func tooFewSecondsMakeABigChangeInconclusive() throws {
        let comparison = compare(baseline: [base.with(version: "v1.2.2", seed: 1) { $0.seconds = 3 }.build()],
                                 current: [base.with(version: "v1.2.3", seed: 2) {
                                     $0.seconds = 3
                                     $0.latencyMilliseconds = 13
                                 }.build()],
                                 thresholds: defaults)
        let p50 = try row(comparison, .p50)
        #expect(p50.verdict == .inconclusive)
        #expect(p50.pValue == nil)
        #expect(p50.note?.contains("too little data: 3 seconds in baseline, 3 seconds in current") == true)
        #expect(!comparison.hasRegression)
        #expect(try row(comparison, .errorRate).verdict == .unchanged)
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
            baseline: [base.build(), base.with(version: "v1.2.2", seed: 4) { $0.step = "GET /api/signals" }.build()],
            current: [slowPrices.build(), fastSignals.build()], thresholds: defaults, metrics: [.p50, .throughput])
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
