import Foundation

/// The bucket arithmetic of an HDR histogram configuration, computed without allocating its
/// counts. `Histogram.init` traps on configurations it cannot represent and `record` silently
/// drops values beyond its counts array, so snapshots read from disk or an import are checked
/// against this first: a snapshot that decodes always rebuilds exactly. The binary encoding
/// also uses it to tell adjacent buckets apart from gaps.
struct HistogramLayout {
    /// The largest value a histogram of this configuration can record without resizing.
    let capacity: UInt64
    private let unitMagnitude: Int
    private let subBucketCount: UInt64
    private let subBucketMask: UInt64
    private let leadingZeroCountBase: Int

    /// The layout of `Histogram(lowestDiscernibleValue:highestTrackableValue:numberOfSignificantValueDigits:)`,
    /// or nil when that initializer would trap. Mirrors its arithmetic step by step (including
    /// its floating-point `log2`) so both agree on every edge.
    init?(lowestDiscernibleValue lowest: UInt64, highestTrackableValue highest: UInt64, significantDigits: Int) {
        guard (0...5).contains(significantDigits), lowest >= 1, lowest <= UInt64.max / 2, lowest * 2 <= highest else {
            return nil
        }
        let largestValueWithSingleUnitResolution = 2 * pow(10.0, Double(significantDigits))
        unitMagnitude = Int(log2(Double(lowest)))
        let subBucketCountMagnitude = Int(log2(largestValueWithSingleUnitResolution).rounded(.up))
        let subBucketHalfCountMagnitude = max(subBucketCountMagnitude, 1) - 1
        guard unitMagnitude + subBucketHalfCountMagnitude <= 61 else { return nil }
        subBucketCount = UInt64(1) << UInt64(subBucketHalfCountMagnitude + 1)
        subBucketMask = (UInt64(1) << UInt64(subBucketCountMagnitude) - 1) << UInt64(unitMagnitude)
        leadingZeroCountBase = 64 - unitMagnitude - subBucketCountMagnitude

        var smallestUntrackableValue = (UInt64(1) << UInt64(subBucketCountMagnitude)) << UInt64(unitMagnitude)
        while smallestUntrackableValue <= highest {
            if smallestUntrackableValue > UInt64.max / 2 {
                capacity = .max
                return
            }
            smallestUntrackableValue <<= 1
        }
        capacity = smallestUntrackableValue - 1
    }

    /// The smallest value that lands in the same bucket as `value`.
    func lowestEquivalentValue(of value: UInt64) -> UInt64 {
        let position = bucketPosition(of: value)
        return position.subBucketIndex << UInt64(position.bucketIndex + unitMagnitude)
    }

    /// The width of the bucket `value` lands in; nil when it is 2^64 or more.
    func equivalentRangeSize(of value: UInt64) -> UInt64? {
        let position = bucketPosition(of: value)
        let magnitude = unitMagnitude
            + (position.subBucketIndex >= subBucketCount ? position.bucketIndex + 1 : position.bucketIndex)
        return magnitude < 64 ? UInt64(1) << UInt64(magnitude) : nil
    }

    /// The largest value that lands in the same bucket as `value`, the value a snapshot stores
    /// for the bucket.
    func highestEquivalentValue(of value: UInt64) -> UInt64 {
        guard let size = equivalentRangeSize(of: value) else { return .max }
        return lowestEquivalentValue(of: value) &+ (size - 1)
    }

    /// The middle of the bucket `value` lands in, the value `Histogram.mean` weighs it by.
    func medianEquivalentValue(of value: UInt64) -> UInt64 {
        lowestEquivalentValue(of: value) &+ ((equivalentRangeSize(of: value) ?? 0) >> 1)
    }

    /// The highest value of the bucket that starts right after `value`, the highest value of
    /// its own bucket; nil beyond `UInt64.max`.
    func nextBucketValue(after value: UInt64) -> UInt64? {
        guard value < .max, let size = equivalentRangeSize(of: value + 1) else { return nil }
        let (next, overflow) = value.addingReportingOverflow(size)
        return overflow ? nil : next
    }

    private func bucketPosition(of value: UInt64) -> (bucketIndex: Int, subBucketIndex: UInt64) {
        let bucketIndex = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
        return (bucketIndex, value >> UInt64(bucketIndex + unitMagnitude))
    }
}
