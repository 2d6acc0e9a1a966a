import Foundation
import Histogram
import Histograms
import Testing
import Units

/// The one read-out says what `Histogram` says, except that it keeps to the exact extremes.
struct PercentileReadoutTests {
    /// A histogram of `count` random values: log-uniform over `1...highest`, so buckets of every
    /// width are hit, with a few values repeated at the top to put several in the last bucket.
    private static func randomHistogram(seed: UInt64, count: Int, digits: SignificantDigits,
                                        lowest: UInt64 = 1, highest: UInt64 = 60_000_000) -> Histogram<UInt64> {
        var generator = SplitMix64(seed: seed)
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: lowest, highestTrackableValue: highest,
                                          numberOfSignificantValueDigits: digits)
        let magnitude = Double.random(in: 1...log2(Double(highest)), using: &generator)
        for _ in 0..<count {
            let value = UInt64(exp2(Double.random(in: 0...magnitude, using: &generator)))
            histogram.record(value, count: UInt64.random(in: 1...3, using: &generator))
        }
        return histogram
    }

    @Test(arguments: 0..<200)
    func percentilesAndMeanEqualTheLibrarysApartFromTheExactExtremes(seed: Int) throws {
        var generator = SplitMix64(seed: UInt64(seed))
        let digits = [SignificantDigits.two, .three, .four][seed % 3]
        let lowest: UInt64 = seed % 5 == 0 ? 1_000 : 1
        let histogram = Self.randomHistogram(seed: UInt64(seed), count: Int.random(in: 1...2_000, using: &generator),
                                             digits: digits, lowest: lowest, highest: lowest * 60_000_000)
        let readout = try #require(PercentileReadout(HistogramSnapshot(histogram)))
        #expect(readout == PercentileReadout(histogram), "live and stored histograms read the same")
        #expect(readout.count == histogram.totalCount)
        #expect(readout.p50 == histogram.valueAtPercentile(50))
        #expect(readout.p90 == histogram.valueAtPercentile(90))
        #expect(readout.p95 == histogram.valueAtPercentile(95))
        #expect(readout.p99 == histogram.valueAtPercentile(99))
        #expect(readout.p999 == histogram.valueAtPercentile(99.9))
        #expect(readout.min == histogram.min)
        // Deliberately the exact largest value, where `Histogram.max` is the top of its bucket.
        #expect(readout.max == histogram.maxRecorded)
        #expect(readout.mean == Swift.min(Swift.max(histogram.mean, Double(readout.min)), Double(readout.max)))
    }

    @Test(arguments: 0..<200)
    func nothingReadsAboveTheMaximumOrBelowTheMinimum(seed: Int) throws {
        let histogram = Self.randomHistogram(seed: UInt64(seed) &+ 1_000, count: 1 + seed * 7, digits: .three)
        let readout = PercentileReadout(histogram)
        let percentiles = [readout.p50, readout.p90, readout.p95, readout.p99, readout.p999]
        #expect(percentiles == percentiles.sorted())
        #expect(readout.min <= readout.p50)
        #expect(readout.p999 <= readout.max)
        #expect((Double(readout.min)...Double(readout.max)).contains(readout.mean))
    }

    /// The live summary's bug: values at the bottom of a 64 µs wide bucket printed max 2 ms 63 µs
    /// too high, and p99.9 (clamped by the library) below that max although both are the maximum.
    @Test func maximumAtTheBottomOfAWideBucketReadsExactly() {
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000,
                                          numberOfSignificantValueDigits: .three)
        histogram.record(100)
        histogram.record(131_072, count: 9)
        let readout = PercentileReadout(histogram)
        #expect(histogram.max > 131_072, "the library's max is its bucket's top")
        #expect(readout.max == 131_072)
        #expect(readout.p999 == readout.max)
        #expect(readout.p50 == readout.max)
        #expect(readout.min == 100)
        #expect(readout.mean <= 131_072)
    }

    @Test func anEmptyHistogramReadsAsZerosLiveAndAsNothingStored() {
        let histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000,
                                          numberOfSignificantValueDigits: .three)
        #expect(PercentileReadout(histogram) == .empty)
        #expect(PercentileReadout.empty.count == 0 && PercentileReadout.empty.max == 0)
        #expect(PercentileReadout(HistogramSnapshot(histogram)) == nil)
    }

    @Test func zerosMakeTheMinimumZeroAsTheLibrarySays() throws {
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000,
                                          numberOfSignificantValueDigits: .three)
        histogram.record(0, count: 3)
        histogram.record(5_000)
        let readout = try #require(PercentileReadout(HistogramSnapshot(histogram)))
        #expect(readout.min == 0)
        #expect(readout.p50 == 0)
        #expect(readout.max == 5_000)
    }
}
