import Foundation

/// The timeline of a segmented test: its segments' per-second series laid on one wall clock.
///
/// A segment's second `s` covers `[startedAt + s, startedAt + s + 1)`. It is counted in the
/// group's second (from the group's earliest start) that holds its middle, so each point lands
/// in the whole second it overlaps most, and two seconds of one segment never share one.
/// Requests, errors and intended rates add exactly. Percentiles do not: a second's stored
/// percentiles are all that is left of its latencies, so the merged second takes each
/// percentile (and the mean) weighted by the requests of the seconds it merges. The mean is
/// then exact; a percentile lies between the segments' values, which is where the true one
/// lies, and equals it when the segments saw the same distribution (the same target, equal
/// shares). The run's whole-test percentiles come from the merged histograms and are exact.
enum SeriesAlignment {
    /// One segment's timeline and when it started.
    struct Timeline {
        var startedAt: Date
        var points: [SeriesPoint]
    }

    /// `timelines` on one clock starting at `origin` (the earliest start), by second.
    static func merge(_ timelines: [Timeline], from origin: Date) -> [SeriesPoint] {
        var seconds: [Int: Accumulator] = [:]
        for timeline in timelines {
            let offset = timeline.startedAt.timeIntervalSince(origin)
            for point in timeline.points {
                let second = Int((offset + Double(point.second) + 0.5).rounded(.down))
                seconds[second, default: Accumulator()].add(point)
            }
        }
        return seconds.keys.sorted().map { seconds[$0]!.point(second: $0) }
    }

    /// What the points of one group second add up to.
    private struct Accumulator {
        var points: [SeriesPoint] = []

        mutating func add(_ point: SeriesPoint) { points.append(point) }

        func point(second: Int) -> SeriesPoint {
            let requests = points.reduce(0) { $0 + $1.requests }
            // Seconds without requests carry percentiles of nothing; weigh them equally then.
            let weights = points.map { requests > 0 ? Double($0.requests) : 1 }
            let total = weights.reduce(0, +)
            func weighted(_ value: (SeriesPoint) -> Double) -> Double {
                zip(points, weights).reduce(0) { $0 + value($1.0) * $1.1 } / total
            }
            func percentile(_ value: (SeriesPoint) -> UInt64) -> UInt64 {
                UInt64(weighted { Double(value($0)) }.rounded())
            }
            let intended = points.compactMap(\.intendedRate)
            return SeriesPoint(second: second, requests: requests, errors: points.reduce(0) { $0 + $1.errors },
                               p50: percentile(\.p50), p90: percentile(\.p90), p95: percentile(\.p95),
                               p99: percentile(\.p99), p999: percentile(\.p999), mean: weighted(\.mean),
                               intendedRate: intended.isEmpty ? nil : intended.reduce(0, +))
        }
    }
}
