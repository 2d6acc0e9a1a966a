import Foundation
import Histogram

/// An HDR histogram as stored: its configuration, the exact smallest and largest values
/// recorded, and the non-empty buckets as (value, count) pairs. Compact (one pair per
/// non-empty bucket, a few KB once `encoded()`, instead of the dense ~35 KB Codable form of
/// `Histogram`) and exact: `histogram()` rebuilds a histogram whose Codable form equals the
/// original's.
public struct HistogramSnapshot: Codable, Sendable, Equatable {
    /// Smallest value the histogram distinguishes.
    public var lowestDiscernibleValue: UInt64
    /// Largest value it tracks.
    public var highestTrackableValue: UInt64
    /// Significant decimal digits (0...5).
    public var significantDigits: Int
    /// Whether the histogram grows its range to fit larger values.
    public var autoResize: Bool
    /// The smallest non-zero value recorded, exactly (nil when none was).
    public var minNonZeroValue: UInt64?
    /// The largest value recorded, exactly (0 when none was).
    public var maxValue: UInt64
    /// A value in each non-empty bucket (the bucket's highest equivalent value), ascending.
    public var values: [UInt64]
    /// The count of each of those buckets.
    public var counts: [UInt64]

    /// Captures `histogram`.
    public init(_ histogram: Histogram<UInt64>) {
        lowestDiscernibleValue = histogram.lowestDiscernibleValue
        highestTrackableValue = histogram.highestTrackableValue
        significantDigits = Int(histogram.numberOfSignificantValueDigits.rawValue)
        autoResize = histogram.autoResize
        maxValue = histogram.maxRecorded
        minNonZeroValue = Self.exactMinNonZeroValue(of: histogram)
        var values: [UInt64] = []
        var counts: [UInt64] = []
        for bucket in histogram.recordedValues() {
            values.append(bucket.value)
            counts.append(bucket.count)
        }
        self.values = values
        self.counts = counts
    }

    /// Rebuilds the histogram.
    public func histogram() -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(
            lowestDiscernibleValue: lowestDiscernibleValue, highestTrackableValue: highestTrackableValue,
            numberOfSignificantValueDigits: SignificantDigits(rawValue: Int8(clamping: significantDigits)) ?? .three)
        histogram.autoResize = autoResize
        // `record` moves the tracked minimum down and maximum up to the value given, so the
        // buckets holding the exact extremes are recorded at those extremes; any value of a
        // bucket lands in the same counter. The zero-count records cover extremes that share a
        // bucket, and ones recorded with a zero count in the original.
        for (value, count) in zip(values, counts) {
            histogram.record(representative(of: value, in: histogram), count: count)
        }
        if let minNonZeroValue { histogram.record(minNonZeroValue, count: 0) }
        histogram.record(maxValue, count: 0)
        return histogram
    }

    /// Total number of values recorded.
    public var totalCount: UInt64 { counts.reduce(0, &+) }

    private func representative(of value: UInt64, in histogram: Histogram<UInt64>) -> UInt64 {
        if let minNonZeroValue, histogram.valuesAreEquivalent(value, minNonZeroValue) { return minNonZeroValue }
        if maxValue > 0, histogram.valuesAreEquivalent(value, maxValue) { return maxValue }
        return value
    }

    /// `Histogram` exposes its exact minimum only while bucket 0 is empty (`min` reports 0
    /// otherwise), so in that rare case it is read from the histogram's Codable form.
    private static func exactMinNonZeroValue(of histogram: Histogram<UInt64>) -> UInt64? {
        // The minimum only moves together with the maximum, so no maximum means no minimum.
        guard histogram.maxRecorded > 0 else { return nil }
        if histogram.min != 0 { return histogram.min }
        struct TrackedMinimum: Decodable { var minNonZeroValue: UInt64 }
        // Encoding a struct of integers cannot fail; should it ever, the bucket's lowest value
        // is the closest the public API offers.
        let tracked = (try? JSONEncoder().encode(histogram))
            .flatMap { try? JSONDecoder().decode(TrackedMinimum.self, from: $0) }?.minNonZeroValue
            ?? histogram.minNonZero
        return tracked == .max ? nil : tracked
    }
}

extension HistogramSnapshot {
    private enum CodingKeys: String, CodingKey {
        case lowestDiscernibleValue, highestTrackableValue, significantDigits, autoResize, minNonZeroValue, maxValue
        case values, counts
    }

    /// Decodes and checks a snapshot, so that one read from an export never traps or loses
    /// counts when rebuilt.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lowestDiscernibleValue = try container.decode(UInt64.self, forKey: .lowestDiscernibleValue)
        highestTrackableValue = try container.decode(UInt64.self, forKey: .highestTrackableValue)
        significantDigits = try container.decode(Int.self, forKey: .significantDigits)
        autoResize = try container.decode(Bool.self, forKey: .autoResize)
        minNonZeroValue = try container.decodeIfPresent(UInt64.self, forKey: .minNonZeroValue)
        maxValue = try container.decode(UInt64.self, forKey: .maxValue)
        values = try container.decode([UInt64].self, forKey: .values)
        counts = try container.decode([UInt64].self, forKey: .counts)
        if let problem = validationProblem() {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
        }
    }

    /// What makes this snapshot impossible to rebuild exactly, or nil when it is sound.
    func validationProblem() -> String? {
        guard let layout = HistogramLayout(lowestDiscernibleValue: lowestDiscernibleValue,
                                           highestTrackableValue: highestTrackableValue,
                                           significantDigits: significantDigits) else {
            return "unsupported configuration: lowest \(lowestDiscernibleValue), highest \(highestTrackableValue), "
                + "\(significantDigits) significant digits"
        }
        guard values.count == counts.count else {
            return "\(values.count) bucket values but \(counts.count) counts"
        }
        guard zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) else { return "bucket values are not ascending" }
        let largest = max(values.last ?? 0, maxValue, minNonZeroValue ?? 0)
        guard largest <= layout.capacity else {
            return "value \(largest) is beyond the histogram's range (\(layout.capacity))"
        }
        if minNonZeroValue == 0 { return "the smallest non-zero value is 0" }
        if let minNonZeroValue, minNonZeroValue > maxValue { return "the smallest value exceeds the largest" }
        var total: UInt64 = 0
        for count in counts {
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { return "the total count overflows 64 bits" }
            total = sum
        }
        return nil
    }
}
