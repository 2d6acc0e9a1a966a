import Foundation

/// One step of a histogram's percentile iteration: the value at a percentile level.
public struct PercentilePoint: Equatable, Sendable {
    /// The percentile level iterated to, 0...100.
    public let percentile: Double
    /// The highest value of the bucket that reaches that level, in the histogram's unit.
    public let value: UInt64
    /// How many values are at or below `value`.
    public let countAtOrBelow: UInt64
}

extension HistogramSnapshot {
    /// The rows of `percentileDistribution` as numbers: HdrHistogram's percentile iteration
    /// (`Histogram.percentiles(ticksPerHalfDistance:)`), step for step, read from the stored
    /// buckets without rebuilding the histogram's ~17,000 counters. Levels start at 0 and take
    /// `ticksPerHalfDistance` steps per halving of the distance to 100; the last point is at 100.
    /// Empty when the histogram holds no values.
    public func percentileSpectrum(ticksPerHalfDistance: Int = 5) -> [PercentilePoint] {
        let total = totalCount
        guard total > 0, ticksPerHalfDistance > 0 else { return [] }
        var points: [PercentilePoint] = []
        var level = 0.0
        var cumulative: UInt64 = 0
        for (value, count) in zip(values, counts) where count > 0 {
            cumulative += count
            let reached = 100 * Double(cumulative) / Double(total)
            if cumulative == total {
                // The library gives the last bucket once at the current level, then once more at 100.
                points.append(PercentilePoint(percentile: level, value: value, countAtOrBelow: cumulative))
                points.append(PercentilePoint(percentile: 100, value: value, countAtOrBelow: cumulative))
                break
            }
            while reached >= level {
                points.append(PercentilePoint(percentile: level, value: value, countAtOrBelow: cumulative))
                level = Self.nextLevel(after: level, ticksPerHalfDistance: ticksPerHalfDistance)
            }
        }
        return points
    }

    /// The library's level arithmetic, kept identical (including the truncating `log2`) so the
    /// levels match `.hgrm` files to the last bit.
    private static func nextLevel(after level: Double, ticksPerHalfDistance: Int) -> Double {
        let halvings = Int(log2(100.0 / (100.0 - level)))
        let ticks = UInt64(ticksPerHalfDistance) * UInt64(pow(2.0, Double(halvings + 1)))
        return level + 100.0 / Double(ticks)
    }
}
