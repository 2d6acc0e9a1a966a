import Baselines
import Histogram
import Testing

/// The percentile spectrum is HdrHistogram's own percentile iteration, read from the stored buckets.
struct PercentileSpectrumTests {
    @Test(arguments: [1, 5, 10])
    func matchesTheLibrarysIterationStepForStep(ticksPerHalfDistance: Int) {
        let histogram = Fixtures.latencyHistogram()
        let expected = histogram.percentiles(ticksPerHalfDistance: ticksPerHalfDistance).map {
            PercentilePoint(percentile: $0.percentileLevelIteratedTo, value: $0.value, countAtOrBelow: $0.totalCountToThisValue)
        }
        let spectrum = HistogramSnapshot(histogram).percentileSpectrum(ticksPerHalfDistance: ticksPerHalfDistance)
        #expect(spectrum.count == expected.count)
        #expect(spectrum == expected)
        #expect(spectrum.last?.percentile == 100)
    }

    @Test func singleValueGivesItsLevelAndOneHundred() {
        let spectrum = HistogramSnapshot(Fixtures.histogram([1_000, 1_000, 1_000])).percentileSpectrum()
        #expect(spectrum == [PercentilePoint(percentile: 0, value: 1_000, countAtOrBelow: 3),
                             PercentilePoint(percentile: 100, value: 1_000, countAtOrBelow: 3)])
    }

    @Test func emptyHistogramHasNoPoints() {
        #expect(HistogramSnapshot(Fixtures.histogram([])).percentileSpectrum().isEmpty)
    }
}
