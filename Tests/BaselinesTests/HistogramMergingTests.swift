import Baselines
import Histogram
import Histograms
import Testing

/// Merging snapshots gives what `Histogram.add` gives, without rebuilding either side.
struct HistogramMergingTests {
    @Test func sameLayoutEqualsTheLibrarysAdd() throws {
        let first = Fixtures.latencyHistogram(count: 20_000, medianMicroseconds: 2_000, seed: 1)
        let second = Fixtures.latencyHistogram(count: 30_000, medianMicroseconds: 5_000, seed: 2)
        var added = first
        added.add(second)
        let merged = try #require(HistogramSnapshot.merged([HistogramSnapshot(first), HistogramSnapshot(second)]))
        #expect(merged == HistogramSnapshot(added))
    }

    @Test func otherLayoutIsRecordedIntoTheFirstOnesBuckets() throws {
        let fine = Fixtures.histogram([1_000, 2_000, 40_000])
        let coarse = Fixtures.histogram([1_234, 50_000], digits: .two)
        var recorded = fine
        for bucket in coarse.recordedValues() { recorded.record(bucket.value, count: bucket.count) }
        let merged = try #require(HistogramSnapshot.merged([HistogramSnapshot(fine), HistogramSnapshot(coarse)]))
        #expect(merged.values == HistogramSnapshot(recorded).values)
        #expect(merged.totalCount == 5)
        #expect(merged.maxValue == 50_000)
        #expect(merged.minNonZeroValue == 1_000)
        #expect(merged.significantDigits == 3)
        #expect(merged.histogram().totalCount == 5, "the merged snapshot rebuilds")
    }

    @Test func noSnapshotsMergeIntoNothingAndOneIntoItself() {
        #expect(HistogramSnapshot.merged([]) == nil)
        let single = HistogramSnapshot(Fixtures.histogram([7, 8, 9]))
        #expect(HistogramSnapshot.merged([single]) == single)
    }

    @Test func readoutOfTheMergeMatchesTheAddedHistogram() throws {
        let first = Fixtures.latencyHistogram(count: 10_000, seed: 3)
        let second = Fixtures.latencyHistogram(count: 10_000, medianMicroseconds: 9_000, seed: 4)
        var added = first
        added.add(second)
        let merged = try #require(HistogramSnapshot.merged([HistogramSnapshot(first), HistogramSnapshot(second)]))
        let readout = try #require(PercentileReadout(merged))
        #expect(readout.p50 == added.valueAtPercentile(50))
        #expect(readout.p99 == added.valueAtPercentile(99))
        #expect(readout.max == added.maxRecorded)
        #expect(readout.mean == added.mean)
    }
}
