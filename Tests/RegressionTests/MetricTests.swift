import Foundation
import Baselines
import Histogram
import Histograms
import Regression
import RunFixtures
import Testing

@Suite struct MetricTests {
    @Test func latencyGetsWorseUpwardsAndThroughputDownwards() {
        for metric in Metric.allCases where metric != .throughput {
            #expect(metric.direction == .higherIsWorse)
        }
        #expect(Metric.throughput.direction == .lowerIsWorse)
        #expect(Metric.p999.rawValue == "p99.9")
        #expect(Metric.errorRate.deltaUnit == .points && Metric.p99.deltaUnit == .percent)
    }

    @Test func runValuesAreInMillisecondsPercentAndRequestsPerSecond() throws {
        let run = RunBuilder(latencyMilliseconds: 20, spread: 0.01, runNoise: 0, errorRate: 0.02).build()
        let p50 = try #require(Metric.p50.value(of: run))
        #expect(abs(p50 - 20) < 0.5)
        let mean = try #require(Metric.mean.value(of: run))
        #expect(abs(mean - 20) < 0.5)
        #expect(try #require(Metric.p999.value(of: run)) >= p50)
        #expect(abs(try #require(Metric.errorRate.value(of: run)) - 2) < 0.05)
        #expect(Metric.throughput.value(of: run) == run.achievedRate)
    }

    /// (lowest discernible value, significant digits, values to record) covering the zero bucket,
    /// a single value, a coarse layout and values far apart.
    static let histogramShapes: [(UInt64, SignificantDigits, [UInt64])] = [
        (1, .three, []),
        (1, .three, [0, 0, 5, 17, 2_047, 2_048, 2_049, 90_000, 59_000_000]),
        (1, .two, [42]),
        (1_000, .two, [0, 999, 1_000, 1_500, 123_456, 7_654_321]),
        (16, .five, [15, 16, 17, 100_003, 100_007]),
    ]

    @Test(arguments: 0..<histogramShapes.count)
    func latencyValuesAreExactlyThoseOfTheRebuiltHistogram(shape: Int) throws {
        let (lowest, digits, fixed) = Self.histogramShapes[shape]
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: lowest, highestTrackableValue: 60_000_000,
                                          numberOfSignificantValueDigits: digits)
        var random = SeededRandom(seed: UInt64(shape) + 1)
        for value in fixed { histogram.record(value) }
        if shape != 2 {
            for _ in 0..<5_000 { histogram.record(UInt64(8_000 * exp(0.8 * random.normal()))) }
        }
        var run = RunBuilder().build()
        run.histograms["latency"] = HistogramSnapshot(histogram)
        let rebuilt = try #require(run.histograms["latency"]).histogram()
        for metric in Metric.allCases {
            guard let percentile = metric.percentile else { continue }
            #expect(metric.value(of: run) == Double(rebuilt.valueAtPercentile(percentile)) / 1_000, "\(metric)")
        }
        #expect(Metric.mean.value(of: run) == rebuilt.mean / 1_000)
    }

    @Test func aRunWithoutALatencyHistogramHasNoLatencyValue() {
        var run = RunBuilder().build()
        run.histograms = [:]
        #expect(Metric.p99.value(of: run) == nil)
        #expect(Metric.throughput.value(of: run) != nil)
        run.histograms["latency"] = HistogramSnapshot(Histogram<UInt64>(highestTrackableValue: 1_000))
        #expect(Metric.p50.value(of: run) == nil)
    }
}
