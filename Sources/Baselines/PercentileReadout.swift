/// The summary columns stored beside each histogram blob, so `sqlite3` users can query
/// percentiles without decoding it. Values in the histogram's unit (microseconds), stored by
/// bit pattern like every unsigned value of the store.
///
/// Read from the sparse buckets with `Histogram`'s own rules (the count at a percentile
/// rounded up, results clamped to the exact minimum and maximum, each bucket weighed by its
/// middle for the mean), so the columns equal what the rebuilt histogram reports, without
/// rebuilding it and scanning its ~17,000 counters per percentile.
struct PercentileReadout {
    let min: Int64, mean: Double, p50: Int64, p90: Int64, p95: Int64, p99: Int64, p999: Int64, max: Int64

    /// The read-out of `snapshot`, or nil when it holds no values (the columns stay NULL).
    init?(_ snapshot: HistogramSnapshot) {
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
        func stored(_ value: UInt64) -> Int64 { Int64(bitPattern: value) }
        min = stored(minimum)
        mean = weighted / Double(total)
        p50 = stored(valueAt(50))
        p90 = stored(valueAt(90))
        p95 = stored(valueAt(95))
        p99 = stored(valueAt(99))
        p999 = stored(valueAt(99.9))
        max = stored(snapshot.maxValue)
    }
}
