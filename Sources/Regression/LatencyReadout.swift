import Baselines
import Histogram

/// Percentiles and mean of a stored latency histogram, read straight from its (value, count)
/// pairs. Gives exactly what `Histogram.valueAtPercentile` and `Histogram.mean` give after
/// `snapshot.histogram()`, but without rebuilding: rebuilding and the library's unspecialised
/// `mean` cost about 3 ms a run, which would make comparing 10,000 stored runs take 30 s.
struct LatencyReadout {
    private let snapshot: HistogramSnapshot
    /// An empty histogram of the snapshot's configuration, used only for its bucket arithmetic
    /// (which does not depend on the highest trackable value, so a tiny one will do).
    private let layout: Histogram<UInt64>
    private let totalCount: UInt64

    /// A readout of `snapshot`; nil when it holds no values.
    init?(_ snapshot: HistogramSnapshot) {
        totalCount = snapshot.totalCount
        guard totalCount > 0 else { return nil }
        self.snapshot = snapshot
        layout = Histogram(
            lowestDiscernibleValue: snapshot.lowestDiscernibleValue,
            highestTrackableValue: snapshot.lowestDiscernibleValue * 2,
            numberOfSignificantValueDigits: SignificantDigits(rawValue: Int8(clamping: snapshot.significantDigits))
                ?? .three)
    }

    /// `Histogram.valueAtPercentile(percentile)`, step for step: the highest equivalent value of
    /// the first bucket whose cumulative count reaches the percentile, clamped to the range
    /// actually recorded.
    func value(atPercentile percentile: Double) -> UInt64 {
        guard percentile != 0 else { return smallestRecorded }
        guard percentile < 100 else { return snapshot.maxValue }
        let requested = Swift.min(Swift.max(percentile.nextDown, 0), 100)
        let countAtPercentile = Swift.max(1, UInt64((requested * Double(totalCount) / 100).rounded(.up)))
        var cumulative: UInt64 = 0
        for (value, count) in zip(snapshot.values, snapshot.counts) {
            cumulative += count
            if cumulative >= countAtPercentile {
                let highest = layout.highestEquivalentForValue(value)
                return Swift.max(Swift.min(highest, snapshot.maxValue), smallestRecorded)
            }
        }
        return 0
    }

    /// `Histogram.mean`: each bucket counted at its middle value, summed in the same order so
    /// the result is the same to the last bit.
    var mean: Double {
        var total = 0.0
        for (value, count) in zip(snapshot.values, snapshot.counts) {
            let middle = layout.lowestEquivalentForValue(value) + (layout.sizeOfEquivalentRangeForValue(value) >> 1)
            total += Double(middle) * Double(count)
        }
        return total / Double(totalCount)
    }

    /// `Histogram.min`: 0 when a value in the zero bucket was recorded, else the smallest value.
    private var smallestRecorded: UInt64 {
        let zeroBucketUsed = snapshot.values.first.map { layout.lowestEquivalentForValue($0) == 0 } ?? false
        if zeroBucketUsed { return 0 }
        return snapshot.minNonZeroValue ?? snapshot.values.first.map { layout.lowestEquivalentForValue($0) } ?? 0
    }
}
