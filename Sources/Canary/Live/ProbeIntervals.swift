import Histogram
import LoadEngine
import Synchronization

/// What one probe (baseline or canary) measured, gathered interval by interval from the
/// seconds its run reports, and turned into the samples the rank test takes. Seconds are
/// merged as they come (a histogram and two counts per interval), so memory stays flat over a
/// two-hour canary. Fed from a transport thread; read from the judge's task.
final class ProbeIntervals: Sendable {
    private struct Tally {
        var requests = 0
        var errors = 0
        var latency = IntervalReport.makeHistogram()
    }

    private struct State {
        var tallies: [Int: Tally] = [:]
        var lastSecond = -1
        var finished = false
    }

    private let intervalSeconds: Int
    private let lastInterval: Int
    private let state = Mutex(State())

    /// Intervals of `intervalSeconds`; seconds past the last of `intervalCount` (replies to the
    /// last requests, coming in after the schedule ended) count in the last.
    init(intervalSeconds: Int, intervalCount: Int) {
        self.intervalSeconds = intervalSeconds
        lastInterval = intervalCount - 1
    }

    /// Takes one second of the run.
    func add(_ report: IntervalReport) {
        let index = min(report.stats.second / intervalSeconds, lastInterval)
        state.withLock { state in
            state.tallies[index, default: Tally()].requests += report.stats.requests
            state.tallies[index, default: Tally()].errors += report.stats.errors
            state.tallies[index, default: Tally()].latency.add(report.latency)
            state.lastSecond = max(state.lastSecond, report.stats.second)
        }
    }

    /// Notes that the run has ended: nothing more will come.
    func finish() { state.withLock { $0.finished = true } }

    /// Whether every second of interval `index` has been reported (or the run ended).
    func hasCompleted(interval index: Int) -> Bool {
        state.withLock { $0.finished || $0.lastSecond >= (index + 1) * intervalSeconds - 1 }
    }

    /// Interval `index`'s samples of `source`: latencies in seconds, at the histogram's precision
    /// (ties are the rank test's business), or one 0/1 outcome per request.
    func samples(of source: CanaryMetric.Source, interval index: Int) -> [Double] {
        let tally = state.withLock { $0.tallies[index] } ?? Tally()
        switch source {
        case .latency:
            var values: [Double] = []
            values.reserveCapacity(Int(tally.latency.totalCount))
            for bucket in tally.latency.recordedValues() {
                values.append(contentsOf: repeatElement(Double(bucket.value) / 1e6, count: Int(bucket.count)))
            }
            return values
        case .errorRate:
            return Array(repeating: 1, count: tally.errors) + Array(repeating: 0, count: max(0, tally.requests - tally.errors))
        case .query:
            return []
        }
    }

    /// Drops interval `index`'s tally once it is judged.
    func forget(interval index: Int) { _ = state.withLock { $0.tallies.removeValue(forKey: index) } }
}
