/// The summary of a stored histogram: smallest, mean, percentiles and largest value, in the
/// histogram's unit (microseconds for perfkit's). The store keeps these columns beside each
/// histogram blob so `sqlite3` users can query percentiles without decoding it; reports use
/// them to label charts.
///
/// Read from the sparse buckets with `Histogram`'s own rules (the count at a percentile
/// rounded up, results clamped to the exact minimum and maximum, each bucket weighed by its
/// middle for the mean), so the values equal what the rebuilt histogram reports, without
/// rebuilding it and scanning its ~17,000 counters per percentile.
public struct PercentileReadout: Equatable, Sendable {
    /// The smallest value (0 when a value below the histogram's unit was recorded).
    public let min: UInt64
    /// The mean, each bucket counted at its middle value.
    public let mean: Double
    /// The 50th, 90th, 95th, 99th and 99.9th percentiles.
    public let p50: UInt64, p90: UInt64, p95: UInt64, p99: UInt64, p999: UInt64
    /// The largest value, exactly.
    public let max: UInt64

    /// The read-out of `snapshot`, or nil when it holds no values.
    public init?(_ snapshot: HistogramSnapshot) {
        let total = snapshot.totalCount
        guard total > 0, let first = snapshot.values.first,
              let layout = HistogramLayout(lowestDiscernibleValue: snapshot.lowestDiscernibleValue,
                                           highestTrackableValue: snapshot.highestTrackableValue,
                                           significantDigits: snapshot.significantDigits) else { return nil }
        // `Histogram.min` is 0 whenever its first counter (values below the unit) is in use.
        let minimum = layout.lowestEquivalentValue(of: first) == 0 ? 0 : snapshot.minNonZeroValue ?? 0
        func valueAt(_ percentile: Double) -> UInt64 {
            let countAtPercentile = Swift.max(1, UInt64((percentile.nextDown * Double(total) / 100).rounded(.up)))
            var cumulative: UInt64 = 0
            for (value, count) in zip(snapshot.values, snapshot.counts) {
                cumulative &+= count
                if cumulative >= countAtPercentile { return Swift.max(Swift.min(value, snapshot.maxValue), minimum) }
            }
            return 0
        }
        var weighted = 0.0
        for (value, count) in zip(snapshot.values, snapshot.counts) {
            weighted += Double(layout.medianEquivalentValue(of: value)) * Double(count)
        }
        min = minimum
        mean = weighted / Double(total)
        p50 = valueAt(50)
        p90 = valueAt(90)
        p95 = valueAt(95)
        p99 = valueAt(99)
        p999 = valueAt(99.9)
        max = snapshot.maxValue
    }
}
