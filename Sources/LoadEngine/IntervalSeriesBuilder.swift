import Histograms
import Synchronization

/// Merges the workers' per-second accumulators into one timeline. A second is final once
/// every worker has moved past it; only unfinished seconds are held, so memory stays flat.
final class IntervalSeriesBuilder: Sendable {
    private struct State {
        var pending: [Int: IntervalAccumulator] = [:]
        var watermarks: [Int]
        var nextSecond = 0
        var lastSecondWithData = -1
        var series: [IntervalStats] = []
    }

    private let state: Mutex<State>
    private let schedule: ArrivalSchedule?
    private let onInterval: @Sendable (IntervalReport) -> Void

    /// `workers` publishers; `onInterval` is called once per finished second, in order.
    init(workers: Int, schedule: ArrivalSchedule?, onInterval: @escaping @Sendable (IntervalReport) -> Void) {
        state = Mutex(State(watermarks: Array(repeating: 0, count: workers)))
        self.schedule = schedule
        self.onInterval = onInterval
    }

    /// Takes `accumulator` from `worker`, which promises nothing more for seconds before
    /// `watermark`, and emits every second that is now final.
    func publish(worker: Int, _ accumulator: IntervalAccumulator?, watermark: Int) {
        let finished: [IntervalReport] = state.withLock { state in
            if let accumulator, accumulator.hasCounts {
                state.pending[accumulator.second, default: IntervalAccumulator(second: accumulator.second)]
                    .merge(accumulator)
                if accumulator.requests > 0 {
                    state.lastSecondWithData = max(state.lastSecondWithData, accumulator.second)
                }
            }
            state.watermarks[worker] = max(state.watermarks[worker], watermark)
            // Once every worker is done, trailing seconds with nothing in them are not part
            // of the run; before that, an empty second is real (a stalled target).
            let finalBefore = state.watermarks.min()!
            let limit = finalBefore == .max ? state.lastSecondWithData + 1 : finalBefore
            var finished: [IntervalReport] = []
            while state.nextSecond < limit {
                let second = state.nextSecond
                let merged = state.pending.removeValue(forKey: second) ?? IntervalAccumulator(second: second)
                finished.append(IntervalReport(stats: stats(of: merged), latency: merged.latency))
                state.nextSecond += 1
            }
            state.series.append(contentsOf: finished.map(\.stats))
            return finished
        }
        finished.forEach(onInterval)
    }

    /// The whole timeline; call after every worker published with watermark `.max`.
    var series: [IntervalStats] { state.withLock { $0.series } }

    private func stats(of accumulator: IntervalAccumulator) -> IntervalStats {
        let latency = PercentileReadout(accumulator.latency)
        return IntervalStats(
            second: accumulator.second,
            requests: accumulator.requests,
            errors: accumulator.errors,
            serverErrors: accumulator.serverErrors,
            dropped: accumulator.dropped,
            inFlight: accumulator.inFlight,
            p50: latency.p50, p90: latency.p90, p95: latency.p95, p99: latency.p99, p999: latency.p999,
            mean: latency.mean,
            intendedRate: schedule?.rate(atSecond: Double(accumulator.second) + 0.5)
        )
    }
}
