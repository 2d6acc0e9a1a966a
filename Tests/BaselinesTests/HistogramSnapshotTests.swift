@testable import Baselines
@testable import Histograms
import Foundation
import Histogram
import Testing
import Units

/// Histograms come back from the store exactly as they were recorded.
struct HistogramSnapshotTests {
    /// Histograms covering the ways exactness can break: dense and sparse, 2 and 3 digits,
    /// empty, zeros (which hide the exact minimum from `Histogram`'s public API), extremes
    /// sharing a bucket, a coarser unit, and auto-resizing.
    static let cases: [(name: String, histogram: Histogram<UInt64>)] = [
        ("3-digit latencies, 1 µs to 60 s", Fixtures.latencyHistogram()),
        ("2-digit latencies, 1 µs to 60 s", Fixtures.latencyHistogram(digits: .two, seed: 7)),
        ("empty", Fixtures.histogram([])),
        ("one value", Fixtures.histogram([4_321])),
        ("minimum and maximum in one bucket", Fixtures.histogram([1_000_001, 1_000_003])),
        ("zeros beside other values", Fixtures.histogram([0, 0, 17, 123_457])),
        ("only zeros", Fixtures.histogram([0, 0])),
        ("nanoseconds at microsecond resolution", Fixtures.histogram([999, 1_500, 2_047_999, 3_600_000_000_000],
                                                                     lowest: 1_000, highest: 3_600_000_000_000)),
        ("auto-resizing", {
            var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
            for value: UInt64 in [3, 70_000, 12_345_678, 9_876_543_210] { histogram.record(value) }
            return histogram
        }()),
        ("a zero-count record moved the maximum", {
            var histogram = Fixtures.histogram([10, 20])
            histogram.record(5_000, count: 0)
            return histogram
        }()),
    ]

    @Test(arguments: cases.indices)
    func rebuiltHistogramEncodesExactlyLikeTheOriginal(index: Int) throws {
        let original = Self.cases[index].histogram
        let rebuilt = HistogramSnapshot(original).histogram()
        #expect(try Fixtures.canonicalJSON(rebuilt) == Fixtures.canonicalJSON(original), "\(Self.cases[index].name)")
    }

    @Test(arguments: cases.indices)
    func binaryEncodingRoundTripsExactly(index: Int) throws {
        let original = Self.cases[index].histogram
        let snapshot = HistogramSnapshot(original)
        let decoded = try HistogramSnapshot(encoded: snapshot.encoded())
        #expect(decoded == snapshot, "\(Self.cases[index].name)")
        #expect(try Fixtures.canonicalJSON(decoded.histogram()) == Fixtures.canonicalJSON(original))
    }

    @Test(arguments: cases.indices)
    func codableFormRoundTripsExactly(index: Int) throws {
        let snapshot = HistogramSnapshot(Self.cases[index].histogram)
        let decoded = try JSONDecoder().decode(HistogramSnapshot.self, from: JSONEncoder().encode(snapshot))
        #expect(decoded == snapshot, "\(Self.cases[index].name)")
    }

    @Test func binaryEncodingOfARealisticLatencyHistogramIsAFractionOfTheDenseForm() throws {
        let histogram = Fixtures.latencyHistogram()
        let dense = try JSONEncoder().encode(histogram).count
        let encoded = HistogramSnapshot(histogram).encoded().count
        #expect(dense > 30_000)
        // 100,000 latencies around 2 ms with a tail to seconds fill ~3,600 buckets.
        #expect(encoded < 5_000, "encoded \(encoded) bytes")
        #expect(encoded * 7 < dense, "encoded \(encoded) bytes against \(dense) dense")
    }

    @Test func totalCountIsTheSumOfBucketCounts() {
        let snapshot = HistogramSnapshot(Fixtures.latencyHistogram(count: 12_345))
        #expect(snapshot.totalCount == 12_345 + 2)
    }

    @Test func everyTruncatedEncodingThrowsInsteadOfTrapping() throws {
        let encoded = HistogramSnapshot(Fixtures.histogram([1, 500, 70_000, 2_000_000])).encoded()
        for length in 0..<encoded.count {
            #expect(throws: HistogramEncodingError.self) { try HistogramSnapshot(encoded: encoded.prefix(length)) }
        }
    }

    @Test func damagedEncodingsThrowInsteadOfTrapping() throws {
        let valid = HistogramSnapshot(Fixtures.histogram([1, 500, 70_000])).encoded()
        var unknownVersion = valid
        unknownVersion[0] = 2
        var trailingByte = valid
        trailingByte.append(0)
        let overlongVarint = Data([1] + Array(repeating: 0xFF, count: 11))
        var tooManyDigits = VarintWriter()
        tooManyDigits.append(byte: 1)
        tooManyDigits.append(1)
        tooManyDigits.append(1_000)
        tooManyDigits.append(byte: 9)
        var beyondRange = HistogramSnapshot(Fixtures.histogram([5], highest: 1_000))
        beyondRange.values = [1_000_000]
        beyondRange.maxValue = 1_000_000
        var repeatedBucket = HistogramSnapshot(Fixtures.histogram([5, 6]))
        repeatedBucket.values = [5, 5]

        for damaged in [unknownVersion, trailingByte, overlongVarint, tooManyDigits.data, beyondRange.encoded(),
                        repeatedBucket.encoded()] {
            #expect(throws: HistogramEncodingError.self) { try HistogramSnapshot(encoded: damaged) }
        }
    }

    @Test func codableFormRejectsConfigurationsHistogramWouldTrapOn() throws {
        var impossible = HistogramSnapshot(Fixtures.histogram([5]))
        impossible.lowestDiscernibleValue = 0
        let json = try JSONEncoder().encode(impossible)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(HistogramSnapshot.self, from: json) }
    }

    @Test(arguments: 0...5)
    func layoutFindsTheSameNextBucketAsHistogram(digits: Int) throws {
        var generator = SplitMix64(seed: UInt64(digits))
        for (lowest, highest): (UInt64, UInt64) in [(1, 60_000_000), (1_000, 3_600_000_000_000)] {
            let layout = try #require(HistogramLayout(lowestDiscernibleValue: lowest, highestTrackableValue: highest,
                                                      significantDigits: digits))
            let histogram = Histogram<UInt64>(lowestDiscernibleValue: lowest, highestTrackableValue: highest,
                                              numberOfSignificantValueDigits: SignificantDigits(rawValue: Int8(digits))!)
            for _ in 0..<5_000 {
                let bucketValue = histogram.highestEquivalentForValue(UInt64.random(in: 0...highest, using: &generator))
                #expect(layout.nextBucketValue(after: bucketValue)
                            == histogram.highestEquivalentForValue(bucketValue + 1))
            }
        }
    }

    @Test(arguments: 0...5)
    func layoutCapacityIsTheLargestValueHistogramRecords(digits: Int) throws {
        for (lowest, highest): (UInt64, UInt64) in [(1, 2), (1, 60_000_000), (1_000, 3_600_000_000_000), (7, 1 << 40)] {
            let layout = try #require(HistogramLayout(lowestDiscernibleValue: lowest, highestTrackableValue: highest,
                                                      significantDigits: digits))
            var histogram = Histogram<UInt64>(lowestDiscernibleValue: lowest, highestTrackableValue: highest,
                                              numberOfSignificantValueDigits: SignificantDigits(rawValue: Int8(digits))!)
            let capacityRecorded = histogram.record(layout.capacity)
            let beyondRecorded = histogram.record(layout.capacity + 1)
            #expect(capacityRecorded, "lowest \(lowest), highest \(highest)")
            #expect(!beyondRecorded, "lowest \(lowest), highest \(highest)")
        }
    }
}

/// The percentile columns stored beside each histogram say what the histogram itself says.
struct PercentileReadoutTests {
    @Test(arguments: HistogramSnapshotTests.cases.indices)
    func summaryColumnsEqualTheHistogramsOwnReadings(index: Int) throws {
        let histogram = HistogramSnapshotTests.cases[index].histogram
        guard let readout = PercentileReadout(HistogramSnapshot(histogram)) else {
            #expect(histogram.totalCount == 0)
            return
        }
        let name = HistogramSnapshotTests.cases[index].name
        #expect(readout.min == Int64(histogram.min), "\(name)")
        #expect(readout.mean == min(max(histogram.mean, Double(readout.min)), Double(readout.max)), "\(name)")
        #expect(readout.max == Int64(histogram.valueAtPercentile(100)), "\(name)")
        let percentiles = [(50.0, readout.p50), (90, readout.p90), (95, readout.p95), (99, readout.p99),
                           (99.9, readout.p999)]
        for (percentile, stored) in percentiles {
            #expect(stored == Int64(histogram.valueAtPercentile(percentile)), "\(name) p\(percentile)")
        }
    }
}
