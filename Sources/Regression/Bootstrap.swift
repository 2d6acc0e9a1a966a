import Units

/// The bootstrap test on per-second values, one-sided: is `current`'s mean worse than
/// `baseline`'s? Used when there is one run per version (or too few runs for Mann-Whitney U),
/// where the only replication available is the seconds inside a run.
public enum Bootstrap {
    /// Resamples drawn per test: enough for a p-value resolution of 0.0005.
    public static let resamples = 2000
    /// Fewest seconds on each side for which a bootstrap means anything.
    public static let minimumSeconds = 5
    /// The fixed seed, so the same data always give the same p-value.
    public static let seed: UInt64 = 0x7065_7266_6B69_7421

    /// The fraction of paired resamples in which `current`'s mean is not worse than
    /// `baseline`'s (a small fraction: current is reliably worse). nil when either side has
    /// fewer than `minimumSeconds` values.
    public static func pValue(baseline: [Double], current: [Double], direction: MetricDirection,
                              resamples: Int = resamples, seed: UInt64 = seed) -> Double? {
        guard baseline.count >= minimumSeconds, current.count >= minimumSeconds, resamples > 0 else { return nil }
        var generator = SplitMix64(seed: seed)
        var notWorse = 0
        for _ in 0..<resamples {
            let baselineMean = resampledMean(baseline, using: &generator)
            let currentMean = resampledMean(current, using: &generator)
            if !direction.isWorse(currentMean, than: baselineMean) { notWorse += 1 }
        }
        return Double(notWorse) / Double(resamples)
    }

    /// The mean of `values.count` draws from `values` with replacement.
    private static func resampledMean(_ values: [Double], using generator: inout SplitMix64) -> Double {
        var sum = 0.0
        for _ in values.indices { sum += values[generator.index(below: values.count)] }
        return sum / Double(values.count)
    }
}
