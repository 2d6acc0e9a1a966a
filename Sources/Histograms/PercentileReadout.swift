import Histogram

/// The one read-out of a latency histogram: count, smallest, mean, percentiles and largest
/// value, in the histogram's unit (microseconds for perfkit's). The run summaries, the store's
/// percentile columns, the gate and the reports all read histograms through it, so a run shows
/// the same numbers wherever it is seen.
///
/// The smallest and largest values are the exact ones recorded (not the edge of their HDR
/// bucket), and every other value is clamped to them: the percentiles are
/// `Histogram.valueAtPercentile`'s (the highest value of the first bucket whose cumulative
/// count reaches the percentile, the count rounded up), which the library already clamps; the
/// mean is `Histogram.mean` (each bucket weighed by its middle), clamped too, so that a mean or
/// p99.9 never prints above the maximum. Read from a snapshot's sparse buckets in one pass,
/// without rebuilding the histogram and scanning its ~17,000 counters per percentile: the gate
/// reads thousands of stored runs this way.
public struct PercentileReadout: Equatable, Sendable {
    /// Number of values recorded.
    public let count: UInt64
    /// The smallest value, exactly (0 when a value below the histogram's unit was recorded).
    public let min: UInt64
    /// The mean, each bucket counted at its middle value, within `min...max`.
    public let mean: Double
    /// The 50th, 90th, 95th, 99th and 99.9th percentiles.
    public let p50: UInt64, p90: UInt64, p95: UInt64, p99: UInt64, p999: UInt64
    /// The largest value, exactly.
    public let max: UInt64

    /// The read-out of a histogram that holds no values: everything 0.
    public static let empty = PercentileReadout(count: 0, min: 0, mean: 0, percentiles: [0, 0, 0, 0, 0], max: 0)

    /// The percentile levels read, in the order of `p50` … `p999`.
    private static let levels: [Double] = [50, 90, 95, 99, 99.9]

    private init(count: UInt64, min: UInt64, mean: Double, percentiles: [UInt64], max: UInt64) {
        self.count = count
        self.min = min
        self.mean = mean
        (p50, p90, p95, p99, p999) = (percentiles[0], percentiles[1], percentiles[2], percentiles[3], percentiles[4])
        self.max = max
    }

    /// The read-out of a live histogram; `empty` when it holds no values.
    public init(_ histogram: Histogram<UInt64>) {
        self = PercentileReadout(HistogramSnapshot(histogram)) ?? .empty
    }

    /// The read-out of `snapshot`, or nil when it holds no values.
    public init?(_ snapshot: HistogramSnapshot) {
        let total = snapshot.totalCount
        guard total > 0, let first = snapshot.values.first,
              let layout = HistogramLayout(lowestDiscernibleValue: snapshot.lowestDiscernibleValue,
                                           highestTrackableValue: snapshot.highestTrackableValue,
                                           significantDigits: snapshot.significantDigits) else { return nil }
        // `Histogram.min` is 0 whenever its first counter (values below the unit) is in use.
        let minimum = layout.lowestEquivalentValue(of: first) == 0 ? 0 : snapshot.minNonZeroValue ?? 0
        let maximum = snapshot.maxValue
        // `Histogram.valueAtPercentile`'s count at each level, taken one ulp below the level so
        // a product like 99.9% of 1,000 does not round up into the next value.
        let targets = Self.levels.map { Swift.max(1, UInt64(($0.nextDown * Double(total) / 100).rounded(.up))) }
        var percentiles: [UInt64] = []
        percentiles.reserveCapacity(targets.count)
        var cumulative: UInt64 = 0
        var weighted = 0.0
        for (value, count) in zip(snapshot.values, snapshot.counts) {
            cumulative &+= count
            while percentiles.count < targets.count, cumulative >= targets[percentiles.count] {
                percentiles.append(Swift.max(Swift.min(value, maximum), minimum))
            }
            // Summed in bucket order, as `Histogram.mean` does, so the result is the same to the bit.
            weighted += Double(layout.medianEquivalentValue(of: value)) * Double(count)
        }
        self.init(count: total, min: minimum,
                  mean: Swift.max(Swift.min(weighted / Double(total), Double(maximum)), Double(minimum)),
                  percentiles: percentiles, max: maximum)
    }
}
