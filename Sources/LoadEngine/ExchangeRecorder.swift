import Foundation
import Synchronization

/// Measures one stream of exchanges that many tasks record into: a scenario step, or all
/// the requests of a scenario. The same tallies, histograms and timeline as a load run's.
public final class ExchangeRecorder: Sendable {
    private struct State {
        var recorder = RunRecorder()
        var interval = IntervalAccumulator(second: 0)
        /// Exchanges announced with `recordSending()` and not yet recorded.
        var inFlight = 0
    }

    private let state = Mutex(State())
    private let startNanoseconds: Int64
    private let series: IntervalSeriesBuilder
    private let schedule: ArrivalSchedule?

    /// A recorder for a run that started at `startNanoseconds` (monotonic); `schedule`, when
    /// the requests are paced by one, gives each second its intended rate.
    public init(startNanoseconds: Int64, schedule: ArrivalSchedule? = nil,
                onInterval: @escaping @Sendable (IntervalReport) -> Void = { _ in }) {
        self.startNanoseconds = startNanoseconds
        self.schedule = schedule
        series = IntervalSeriesBuilder(workers: 1, schedule: schedule, onInterval: onInterval)
    }

    /// The monotonic clock every exchange is timed with, in nanoseconds.
    public static func now() -> Int64 { MonotonicClock.now() }

    /// Announces an exchange about to be sent, so the timeline can say how many are in flight;
    /// recording it ends it.
    public func recordSending() {
        state.withLock { $0.inFlight += 1 }
    }

    /// Records `exchange`, intended to be sent at `intendedNanoseconds`. `failure` is how the
    /// caller judged it (a transport failure, an unexpected status, a failed check), or nil
    /// for a success. Abandoned exchanges count as unfinished.
    public func record(_ exchange: HTTPExchange, intendedNanoseconds: Int64, failure: ErrorKind?) {
        let response = exchange.ending == .response ? exchange : nil
        record(intended: intendedNanoseconds, started: exchange.sentNanoseconds, ended: exchange.completedNanoseconds,
               abandoned: exchange.ending == .abandoned, timed: response != nil, failure: failure,
               serverError: (response?.status ?? 0) >= 500) { recorder in
            guard let response else { return }
            recorder.countStatus(response.status)
            recorder.bytesReceived += response.bytesReceived
            recorder.histograms.record(response.phases)
        }
    }

    /// Records a span of work that is not one request (a whole iteration of a flow): latency
    /// from `intendedNanoseconds`, service time from `startedNanoseconds`. `finished` false
    /// counts it as unfinished (cut short by a stop).
    public func recordSpan(intendedNanoseconds: Int64, startedNanoseconds: Int64, endedNanoseconds: Int64,
                           finished: Bool, failure: ErrorKind?) {
        record(intended: intendedNanoseconds, started: startedNanoseconds, ended: endedNanoseconds,
               abandoned: !finished, timed: true, failure: failure, serverError: false) { _ in }
    }

    private func record(intended: Int64, started: Int64, ended: Int64, abandoned: Bool, timed: Bool,
                        failure: ErrorKind?, serverError: Bool, details: (inout RunRecorder) -> Void) {
        let second = Int((ended - startNanoseconds) / 1_000_000_000)
        let finished: IntervalAccumulator? = state.withLock { state in
            state.recorder.sent += 1
            state.recorder.lastSendNanoseconds = max(state.recorder.lastSendNanoseconds, started)
            // Was in flight until now, so it counts in any second that ended before it.
            let inFlightBefore = state.inFlight
            state.inFlight = max(0, state.inFlight - 1)
            if abandoned {
                state.recorder.unfinished += 1
                return nil
            }
            var finished: IntervalAccumulator? = nil
            if second > state.interval.second {
                finished = state.interval
                finished?.inFlight = inFlightBefore
                state.interval = IntervalAccumulator(second: second)
            }
            state.recorder.lastCompletionNanoseconds = max(state.recorder.lastCompletionNanoseconds, ended)
            if timed {
                state.recorder.responses += 1
                state.recorder.histograms.record(.latency, nanoseconds: ended - intended)
                state.recorder.histograms.record(.serviceTime, nanoseconds: ended - started)
                if schedule != nil { state.recorder.histograms.record(.wait, nanoseconds: started - intended) }
            }
            details(&state.recorder)
            if let failure { state.recorder.countError(failure) }
            // A completion recorded a moment late, after its second was handed on, counts in the
            // second being filled: the timeline is by completion, to the second.
            state.interval.record(latencyNanoseconds: timed ? ended - intended : nil, failed: failure != nil,
                                  serverError: serverError)
            return finished
        }
        if let finished { series.publish(worker: 0, finished, watermark: finished.second + 1) }
    }

    /// Counts an arrival that was never sent (over the in-flight limit, or cut by a stop).
    public func recordDropped(_ count: Int = 1) {
        state.withLock {
            $0.recorder.dropped += count
            $0.interval.dropped += count
        }
    }

    /// Shows arrivals dropped by another stream (a scenario's iterations) in this stream's
    /// timeline, for live metrics, without counting them in what this stream measured.
    public func recordDroppedInTimeline(_ count: Int = 1) {
        state.withLock { $0.interval.dropped += count }
    }

    /// Everything recorded, once no more exchanges come; `startedAt` is the run's wall-clock
    /// start and `sendingEndedNanoseconds` when sending stopped (the planned end or a stop).
    public func measurements(startedAt: Date, sendingEndedNanoseconds: Int64) -> Measurements {
        let (recorder, interval) = state.withLock { ($0.recorder, $0.interval) }
        series.publish(worker: 0, interval, watermark: .max)
        let sendingEnd = max(sendingEndedNanoseconds, recorder.lastSendNanoseconds)
        let end = max(sendingEnd, recorder.lastCompletionNanoseconds)
        return Measurements([recorder], series: series.series, startedAt: startedAt,
                            elapsed: .nanoseconds(max(0, end - startNanoseconds)),
                            sendingWindow: .nanoseconds(max(0, sendingEnd - startNanoseconds)), schedule: schedule)
    }
}
