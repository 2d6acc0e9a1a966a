import Foundation

/// The Mann-Whitney U test, one-sided: is `current` worse than `baseline`? Used on per-run
/// values when each version has several runs, as benchstat does: it assumes nothing about the
/// shape of the distribution, only that runs are independent.
public enum MannWhitneyU {
    /// Largest sample on either side for which the exact distribution is enumerated; beyond it
    /// the normal approximation is accurate and the enumeration grows as (n·m)².
    public static let exactLimit = 30

    /// How a p-value was obtained.
    public enum Method: String, Codable, Sendable {
        /// Enumerating the distribution of U (both samples ≤ 30, no ties).
        case exact
        /// Normal approximation with tie and continuity correction.
        case normalApproximation = "normal_approximation"
    }

    /// A test's statistic and one-sided p-value.
    public struct Outcome: Equatable, Sendable {
        /// Pairs (baseline, current) in which current is worse, ties counting one half.
        public var u: Double
        /// Probability of a U at least this large if both samples came from one distribution.
        public var pValue: Double
        /// How `pValue` was obtained.
        public var method: Method
    }

    /// Tests whether `current` tends to be worse than `baseline`, worse meaning higher or
    /// lower as `direction` says. Both samples must be non-empty.
    public static func test(baseline: [Double], current: [Double], direction: MetricDirection) -> Outcome {
        precondition(!baseline.isEmpty && !current.isEmpty, "Mann-Whitney U needs a value on each side")
        // Orient the values so that larger is always worse; the rest of the test is one-sided upward.
        let sign = direction == .higherIsWorse ? 1.0 : -1.0
        let base = baseline.map { $0 * sign }
        let cur = current.map { $0 * sign }
        let u = statistic(baseline: base, current: cur)
        let hasTies = Set(base + cur).count < base.count + cur.count
        if !hasTies, base.count <= exactLimit, cur.count <= exactLimit {
            return Outcome(u: u, pValue: exactUpperTail(u: Int(u), m: cur.count, n: base.count), method: .exact)
        }
        return Outcome(u: u, pValue: normalUpperTail(u: u, baseline: base, current: cur), method: .normalApproximation)
    }

    /// U from ranks, O((n+m) log(n+m)) rather than comparing every pair: the current sample's
    /// rank sum less its smallest possible value. Tied values share their average rank, which
    /// counts each tied pair as one half.
    static func statistic(baseline: [Double], current: [Double]) -> Double {
        let pooled = (baseline.map { ($0, false) } + current.map { ($0, true) }).sorted { $0.0 < $1.0 }
        var currentRankSum = 0.0
        var start = 0
        while start < pooled.count {
            var end = start
            while end + 1 < pooled.count, pooled[end + 1].0 == pooled[start].0 { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            currentRankSum += averageRank * Double(pooled[start...end].count { $0.1 })
            start = end + 1
        }
        let m = Double(current.count)
        return currentRankSum - m * (m + 1) / 2
    }

    /// The smallest p-value the test can give for these sample sizes: complete separation,
    /// 1 / C(n+m, n). Two runs against two can never go below 1/6, so there is no point asking.
    public static func smallestPValue(baselineCount n: Int, currentCount m: Int) -> Double {
        var arrangements = 1.0
        for k in 0..<min(n, m) { arrangements = arrangements * Double(n + m - k) / Double(k + 1) }
        return 1 / arrangements
    }

    /// P(U ≥ u) under the null hypothesis, counting the orderings of m current and n baseline
    /// values by their U. Counts fit in UInt64: the largest total, C(60, 30), is about 1.2e17.
    static func exactUpperTail(u: Int, m: Int, n: Int) -> Double {
        let counts = arrangementsByU(m: m, n: n)
        let total = counts.reduce(0, +)
        let tail = counts[min(u, counts.count)...].reduce(0, +)
        return Double(tail) / Double(total)
    }

    /// `result[u]` is the number of orderings of m current and n baseline values in which U,
    /// the number of (current, baseline) pairs with current above, equals u. Recurrence on the
    /// largest value: if it is a current value it is above all j baseline values (adds j),
    /// if it is a baseline value it adds nothing.
    static func arrangementsByU(m: Int, n: Int) -> [UInt64] {
        // previous[j] holds the counts for (i - 1) current and j baseline values.
        var previous: [[UInt64]] = Array(repeating: [1], count: n + 1)
        for i in stride(from: 1, through: m, by: 1) {
            var row: [[UInt64]] = [[1]]
            for j in stride(from: 1, through: n, by: 1) {
                var counts = [UInt64](repeating: 0, count: i * j + 1)
                for (u, count) in previous[j].enumerated() { counts[u + j] += count }
                for (u, count) in row[j - 1].enumerated() { counts[u] += count }
                row.append(counts)
            }
            previous = row
        }
        return previous[n]
    }

    /// P(U ≥ u) by the normal approximation, with the variance reduced for ties and half a unit
    /// of continuity correction. All values tied means no evidence either way: p = 1.
    static func normalUpperTail(u: Double, baseline: [Double], current: [Double]) -> Double {
        let n = Double(baseline.count), m = Double(current.count), total = n + m
        var tieSizes: [Double: Double] = [:]
        for value in baseline + current { tieSizes[value, default: 0] += 1 }
        let tieCorrection = tieSizes.values.reduce(0) { $0 + ($1 * $1 * $1 - $1) } / (total * (total - 1))
        let variance = n * m / 12 * ((total + 1) - tieCorrection)
        guard variance > 0 else { return 1 }
        let z = (u - n * m / 2 - 0.5) / variance.squareRoot()
        return 0.5 * erfc(z / 2.0.squareRoot())
    }
}
