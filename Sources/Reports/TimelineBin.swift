import Baselines

/// A stretch of a run's timeline: one second, or several merged when the run has more
/// seconds than a chart can show.
struct TimelineBin {
    /// Seconds since the start at which the stretch begins and ends.
    let start: Double, end: Double
    /// Requests completed per second.
    let rate: Double
    /// Rate the schedule asked for, per second; nil for the closed model.
    let intendedRate: Double?
    /// The worst second's p95 latency in milliseconds (merging must not hide a spike); nil when
    /// no response came in the stretch.
    let p95: Double?
    /// Failures per second.
    let errors: Double

    /// `run`'s per-second series in at most `limit` stretches of equal length. Keeps a long run's
    /// report small: a 5-minute run at `limit` 240 draws 240 points, not 300.
    static func bins(_ series: [SeriesPoint], limit: Int) -> [TimelineBin] {
        guard !series.isEmpty, limit > 0 else { return [] }
        let size = (series.count + limit - 1) / limit
        return stride(from: 0, to: series.count, by: size).map { offset in
            let seconds = series[offset..<min(offset + size, series.count)]
            let count = Double(seconds.count)
            let intended = seconds.compactMap(\.intendedRate)
            // A second whose requests all failed before a response has no latency, and stores 0.
            let timed = seconds.filter { $0.p95 > 0 }
            return TimelineBin(
                start: Double(seconds.first!.second), end: Double(seconds.last!.second + 1),
                rate: Double(seconds.reduce(0) { $0 + $1.requests }) / count,
                intendedRate: intended.isEmpty ? nil : intended.reduce(0, +) / Double(intended.count),
                p95: timed.map { Double($0.p95) / 1_000 }.max(),
                errors: Double(seconds.reduce(0) { $0 + $1.errors }) / count)
        }
    }
}
