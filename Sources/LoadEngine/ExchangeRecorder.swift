import Foundation
import Synchronization

/// Measures one stream of exchanges that many tasks record into: all the requests of a
/// scenario, each step's on its own as well (the stream's parts), or whole iterations. The
/// same tallies, histograms and timeline as a load run's. An exchange recorded into a part is
/// recorded once, under one lock: the stream's histograms and counts are its parts' added up
/// when they are read.
public final class ExchangeRecorder: Sendable {
    /// What the stream or one part measured; the stream's own recorder holds what no part does.
    private struct Tally {
        var recorder = RunRecorder()
        var interval = IntervalAccumulator(second: 0)

        /// Seconds closed and not yet published (outside the lock).
        var closed: [IntervalAccumulator] = []

        /// Counts one exchange in the timeline, ending at `second`; true when that closed the
        /// second being filled (added to `closed`), in which `inFlight` were in flight.
        mutating func count(intended: Int64, ended: Int64, second: Int, abandoned: Bool, timed: Bool,
                            failure: ErrorKind?, serverError: Bool, inFlight: Int) -> Bool {
            guard !abandoned else { return false }
            let closes = second > interval.second
            if closes {
                interval.inFlight = inFlight
                closed.append(interval)
                interval = IntervalAccumulator(second: second)
            }
            // A completion recorded a moment late, after its second was handed on, counts in the
            // second being filled: the timeline is by completion, to the second.
            interval.record(latencyNanoseconds: timed ? ended - intended : nil, failed: failure != nil,
                            serverError: serverError)
            return closes
        }
    }

    private struct State {
        var whole = Tally()
        var parts: [Tally]
        /// Exchanges announced with `recordSending()` and not yet recorded.
        var inFlight = 0
    }

    private let state: Mutex<State>
    private let series: IntervalSeriesBuilder
    private let partSeries: [IntervalSeriesBuilder]
    private let startNanoseconds: Int64
    private let schedule: ArrivalSchedule?
    private let partSchedule: ArrivalSchedule?

    /// A recorder for a run that started at `startNanoseconds` (monotonic); `schedule`, when
    /// the requests are paced by one, gives each second its intended rate. The stream has
    /// `parts` parts, each paced by `partSchedule` when one is given.
    public init(startNanoseconds: Int64, schedule: ArrivalSchedule? = nil, parts: Int = 0,
                partSchedule: ArrivalSchedule? = nil, onInterval: @escaping @Sendable (IntervalReport) -> Void = { _ in }) {
        self.startNanoseconds = startNanoseconds
        self.schedule = schedule
        self.partSchedule = partSchedule
        series = IntervalSeriesBuilder(workers: 1, schedule: schedule, onInterval: onInterval)
        partSeries = (0..<parts).map { _ in IntervalSeriesBuilder(workers: 1, schedule: partSchedule) { _ in } }
        state = Mutex(State(parts: Array(repeating: Tally(), count: parts)))
    }

    /// The monotonic clock every exchange is timed with, in nanoseconds.
    public static func now() -> Int64 { MonotonicClock.now() }

    /// Announces an exchange about to be sent, so the timeline can say how many are in flight;
    /// recording it ends it.
    public func recordSending() {
        state.withLock { $0.inFlight += 1 }
    }

    /// Records `exchange`, intended to be sent at `intendedNanoseconds`, in part `part` (nil:
    /// in no part). `failure` is how the caller judged it (a transport failure, an unexpected
    /// status, a failed check), or nil for a success. Abandoned exchanges count as unfinished.
    public func record(_ exchange: HTTPExchange, part: Int? = nil, intendedNanoseconds: Int64, failure: ErrorKind?) {
        // Not the exchange itself into the closure: copying it retains its headers and body.
        let responded = exchange.ending == .response
        let (status, bytes, phases) = (exchange.status, exchange.bytesReceived, exchange.phases)
        record(part: part, intended: intendedNanoseconds, started: exchange.sentNanoseconds, ended: exchange.completedNanoseconds,
               abandoned: exchange.ending == .abandoned, timed: responded, failure: failure,
               serverError: responded && status >= 500) { recorder in
            guard responded else { return }
            recorder.countStatus(status)
            recorder.bytesReceived += bytes
            recorder.histograms.record(phases)
        }
    }

    /// Records a span of work that is not one request (a whole iteration of a flow): latency
    /// from `intendedNanoseconds`, service time from `startedNanoseconds`. `finished` false
    /// counts it as unfinished (cut short by a stop).
    public func recordSpan(intendedNanoseconds: Int64, startedNanoseconds: Int64, endedNanoseconds: Int64,
                           finished: Bool, failure: ErrorKind?) {
        record(part: nil, intended: intendedNanoseconds, started: startedNanoseconds, ended: endedNanoseconds,
               abandoned: !finished, timed: true, failure: failure, serverError: false) { _ in }
    }

    private func record(part: Int?, intended: Int64, started: Int64, ended: Int64, abandoned: Bool, timed: Bool,
                        failure: ErrorKind?, serverError: Bool, details: (inout RunRecorder) -> Void) {
        let second = Int((ended - startNanoseconds) / 1_000_000_000)
        // The part's recorder also serves the stream's, so it keeps the wait if either is paced.
        let keepsWait = schedule != nil || (part != nil && partSchedule != nil)
        // Closed seconds are handed over outside the lock, and copied out only then: once a second.
        let closes = state.withLock { state -> Bool in
            // Was in flight until now, so it counts in any second that ended before it.
            let inFlightBefore = state.inFlight
            state.inFlight = max(0, state.inFlight - 1)
            var closes = state.whole.count(intended: intended, ended: ended, second: second, abandoned: abandoned,
                                           timed: timed, failure: failure, serverError: serverError, inFlight: inFlightBefore)
            guard let part else {
                state.whole.recorder.record(intended: intended, started: started, ended: ended, abandoned: abandoned,
                                            timed: timed, keepsWait: keepsWait, failure: failure, details: details)
                return closes
            }
            // A part's timeline does not count what is in flight: only the stream announces sending.
            closes = state.parts[part].count(intended: intended, ended: ended, second: second, abandoned: abandoned,
                                             timed: timed, failure: failure, serverError: serverError, inFlight: 0) || closes
            state.parts[part].recorder.record(intended: intended, started: started, ended: ended, abandoned: abandoned,
                                              timed: timed, keepsWait: keepsWait, failure: failure, details: details)
            return closes
        }
        if closes { publishClosedSeconds(part: part) }
    }

    private func publishClosedSeconds(part: Int?) {
        let (whole, closedPart) = state.withLock { state in
            defer {
                state.whole.closed.removeAll()
                if let part { state.parts[part].closed.removeAll() }
            }
            return (state.whole.closed, part.map { state.parts[$0].closed } ?? [])
        }
        for closed in whole { series.publish(worker: 0, closed, watermark: closed.second + 1) }
        if let part {
            for closed in closedPart { partSeries[part].publish(worker: 0, closed, watermark: closed.second + 1) }
        }
    }

    /// Counts an arrival that was never sent (over the in-flight limit, or cut by a stop).
    public func recordDropped(_ count: Int = 1) {
        state.withLock {
            $0.whole.recorder.dropped += count
            $0.whole.interval.dropped += count
        }
    }

    /// Shows arrivals dropped by another stream (a scenario's iterations) in this stream's
    /// timeline, for live metrics, without counting them in what this stream measured.
    public func recordDroppedInTimeline(_ count: Int = 1) {
        state.withLock { $0.whole.interval.dropped += count }
    }

    /// Everything recorded, once no more exchanges come; `startedAt` is the run's wall-clock
    /// start and `sendingEndedNanoseconds` when sending stopped (the planned end or a stop).
    public func measurements(startedAt: Date, sendingEndedNanoseconds: Int64) -> Measurements {
        let (whole, parts) = state.withLock { ($0.whole, $0.parts.map(\.recorder)) }
        return measurements(of: whole, series: series, adding: parts, schedule: schedule, startedAt: startedAt,
                            sendingEndedNanoseconds: sendingEndedNanoseconds)
    }

    /// What part `part` recorded, once no more exchanges come (see `measurements(startedAt:sendingEndedNanoseconds:)`).
    public func measurements(ofPart part: Int, startedAt: Date, sendingEndedNanoseconds: Int64) -> Measurements {
        let tally = state.withLock { $0.parts[part] }
        return measurements(of: tally, series: partSeries[part], adding: [], schedule: partSchedule, startedAt: startedAt,
                            sendingEndedNanoseconds: sendingEndedNanoseconds)
    }

    private func measurements(of tally: Tally, series: IntervalSeriesBuilder, adding parts: [RunRecorder], schedule: ArrivalSchedule?, startedAt: Date,
                              sendingEndedNanoseconds: Int64) -> Measurements {
        series.publish(worker: 0, tally.interval, watermark: .max)
        var recorders = [tally.recorder] + parts
        // A part's recorder may keep the wait for the stream while the part itself is not paced, or the other way round.
        if schedule == nil {
            for index in recorders.indices { recorders[index].histograms[.wait] = LatencyHistograms.makeHistogram(significantDigits: .three) }
        }
        let lastSend = recorders.map(\.lastSendNanoseconds).max() ?? 0
        let lastCompletion = recorders.map(\.lastCompletionNanoseconds).max() ?? 0
        let sendingEnd = max(sendingEndedNanoseconds, lastSend)
        let end = max(sendingEnd, lastCompletion)
        return Measurements(recorders, series: series.series, startedAt: startedAt,
                            elapsed: .nanoseconds(max(0, end - startNanoseconds)),
                            sendingWindow: .nanoseconds(max(0, sendingEnd - startNanoseconds)), schedule: schedule)
    }
}
