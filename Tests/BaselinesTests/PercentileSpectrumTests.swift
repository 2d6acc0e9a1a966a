import Baselines
import Histogram
import Histograms
import Testing

/// The percentile spectrum is HdrHistogram's own percentile iteration, read from the stored buckets.
struct PercentileSpectrumTests {
    @Test(arguments: [1, 5, 10])
    func matchesTheLibrarysIterationStepForStep(ticksPerHalfDistance: Int) {
        let histogram = Fixtures.latencyHistogram()
        let expected = histogram.percentiles(ticksPerHalfDistance: ticksPerHalfDistance).map {
            Row(percentile: $0.percentileLevelIteratedTo, value: $0.value, count: $0.totalCountToThisValue)
        }
        let spectrum = HistogramSnapshot(histogram).percentileSpectrum(ticksPerHalfDistance: ticksPerHalfDistance)
        #expect(spectrum.count == expected.count)
        #expect(spectrum.map(Row.init) == expected)
        #expect(spectrum.last?.percentile == 100)
    }

    @Test func singleValueGivesItsLevelAndOneHundred() {
        let spectrum = HistogramSnapshot(Fixtures.histogram([1_000, 1_000, 1_000])).percentileSpectrum()
        #expect(spectrum.map(Row.init) == [Row(percentile: 0, value: 1_000, count: 3),
                                           Row(percentile: 100, value: 1_000, count: 3)])
    }

    @Test func emptyHistogramHasNoPoints() {
        #expect(HistogramSnapshot(Fixtures.histogram([])).percentileSpectrum().isEmpty)
    }

    /// A point as the library's iteration gives it.
    private struct Row: Equatable {
        let percentile: Double, value: UInt64, count: UInt64

        init(percentile: Double, value: UInt64, count: UInt64) {
            self.percentile = percentile
            self.value = value
            self.count = count
        }

        init(_ point: PercentilePoint) {
            self.init(percentile: point.percentile, value: point.value, count: point.countAtOrBelow)
        }
    }
}
