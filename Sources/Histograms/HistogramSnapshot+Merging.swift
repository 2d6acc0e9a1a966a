extension HistogramSnapshot {
    /// The histogram of every value in `snapshots`, as `Histogram.add` would build it: the
    /// configuration of the first, counts summed bucket by bucket, the exact extremes of all.
    /// A snapshot of another configuration (an imported run, say) has its buckets recorded into
    /// the first one's, as recording its values again would. nil when `snapshots` is empty.
    public static func merged(_ snapshots: [HistogramSnapshot]) -> HistogramSnapshot? {
        guard var merged = snapshots.first else { return nil }
        guard snapshots.count > 1 else { return merged }
        let layout = HistogramLayout(lowestDiscernibleValue: merged.lowestDiscernibleValue,
                                     highestTrackableValue: merged.highestTrackableValue,
                                     significantDigits: merged.significantDigits)
        var buckets: [(value: UInt64, count: UInt64)] = []
        buckets.reserveCapacity(snapshots.reduce(0) { $0 + $1.values.count })
        for snapshot in snapshots {
            let sameLayout = snapshot.lowestDiscernibleValue == merged.lowestDiscernibleValue
                && snapshot.significantDigits == merged.significantDigits
            for (value, count) in zip(snapshot.values, snapshot.counts) where count > 0 {
                let bucketValue = sameLayout ? value : layout.map { $0.highestEquivalentValue(of: value) } ?? value
                buckets.append((bucketValue, count))
            }
        }
        buckets.sort { $0.value < $1.value }
        var values: [UInt64] = []
        var counts: [UInt64] = []
        for bucket in buckets {
            if values.last == bucket.value {
                counts[counts.count - 1] &+= bucket.count
            } else {
                values.append(bucket.value)
                counts.append(bucket.count)
            }
        }
        merged.values = values
        merged.counts = counts
        merged.maxValue = snapshots.map(\.maxValue).max() ?? 0
        merged.minNonZeroValue = snapshots.compactMap(\.minNonZeroValue).min()
        merged.autoResize = snapshots.contains(where: \.autoResize)
        merged.highestTrackableValue = snapshots.map(\.highestTrackableValue).max() ?? merged.highestTrackableValue
        // A bucket recorded from a wider layout may lie beyond this range: widen it, as `add`
        // resizes an auto-resizing histogram to do, so the snapshot still rebuilds.
        let capacity = HistogramLayout(lowestDiscernibleValue: merged.lowestDiscernibleValue,
                                       highestTrackableValue: merged.highestTrackableValue,
                                       significantDigits: merged.significantDigits)?.capacity ?? .max
        if let largest = values.last, largest > capacity { merged.highestTrackableValue = largest }
        return merged
    }
}
