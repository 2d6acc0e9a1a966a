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
        /// The exact permutation distribution of U, ties included (both samples ≤ 30).
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
    /// lower as `direction` says. Both samples must be non-empty. Up to `exactLimit` values a
    /// side the p-value is the exact permutation probability, ties included, so it is never
    /// smaller than the test can honestly reach at these sample sizes.
    public static func test(baseline: [Double], current: [Double], direction: MetricDirection) -> Outcome {
        precondition(!baseline.isEmpty && !current.isEmpty, "Mann-Whitney U needs a value on each side")
        // Orient the values so that larger is always worse; the rest of the test is one-sided upward.
        let sign = direction == .higherIsWorse ? 1.0 : -1.0
        let base = baseline.map { $0 * sign }
        let cur = current.map { $0 * sign }
        let u = statistic(baseline: base, current: cur)
        if base.count <= exactLimit, cur.count <= exactLimit {
            return Outcome(u: u, pValue: exactUpperTail(baseline: base, current: cur), method: .exact)
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

    /// P(U ≥ observed U) over every way of choosing which of the pooled values are the current
    /// ones, each equally likely under the null hypothesis, with tied values sharing their
    /// average rank (the permutation distribution of the tie-corrected statistic). U is the
    /// current rank sum less a constant, so the tail of the rank sum is counted instead.
    ///
    /// Counted group by group over the sorted tie groups: choosing k of a group's t values for
    /// the current sample can be done C(t, k) ways and adds k times the group's average rank.
    /// Ranks are doubled so that average ranks (halves) stay whole numbers and comparisons exact.
    static func exactUpperTail(baseline: [Double], current: [Double]) -> Double {
        let pooled = (baseline + current).sorted()
        let currentCount = current.count
        var groups: [(size: Int, doubledRank: Int)] = []
        var start = 0
        while start < pooled.count {
            var end = start
            while end + 1 < pooled.count, pooled[end + 1] == pooled[start] { end += 1 }
            groups.append((end - start + 1, start + end + 2))
            start = end + 1
        }
        let observed = doubledRankSum(of: current, groups: groups, pooled: pooled)
        let largestSum = 2 * pooled.count * currentCount
        // ways[j][s]: arrangements placing j current values in the groups so far with doubled rank sum s.
        var ways = [[Double]](repeating: [Double](repeating: 0, count: largestSum + 1), count: currentCount + 1)
        ways[0][0] = 1
        var placedSoFar = 0
        for group in groups {
            var next = [[Double]](repeating: [Double](repeating: 0, count: largestSum + 1), count: currentCount + 1)
            for placed in 0...min(placedSoFar, currentCount) {
                for (sum, count) in ways[placed].enumerated() where count > 0 {
                    for chosen in 0...min(group.size, currentCount - placed) {
                        next[placed + chosen][sum + chosen * group.doubledRank] += count * binomial(group.size, chosen)
                    }
                }
            }
            placedSoFar += group.size
            ways = next
        }
        let total = ways[currentCount].reduce(0, +)
        let tail = ways[currentCount][observed...].reduce(0, +)
        return min(1, tail / total)
    }

    /// Twice the current sample's rank sum, each value at its tie group's average rank.
    private static func doubledRankSum(of current: [Double], groups: [(size: Int, doubledRank: Int)],
                                       pooled: [Double]) -> Int {
        var rankOfValue: [Double: Int] = [:]
        var index = 0
        for group in groups {
            rankOfValue[pooled[index]] = group.doubledRank
            index += group.size
        }
        return current.reduce(0) { $0 + rankOfValue[$1]! }
    }

    /// C(n, k) as a Double (exact while below 2^53, which covers every group size here).
    private static func binomial(_ n: Int, _ k: Int) -> Double {
        var result = 1.0
        for step in 0..<min(k, n - k) { result = result * Double(n - step) / Double(step + 1) }
        return result.rounded()
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
