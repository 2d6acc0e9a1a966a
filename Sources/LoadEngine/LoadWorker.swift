/// A transport thread's loop, whatever its transport.
protocol PlannedWorker: AnyObject, Sendable {
    /// Runs from `start` until sending is over and requests in flight have ended.
    func run(from start: Int64) -> RunRecorder
    /// When the worker stopped sending.
    var sendingEndedNanoseconds: Int64 { get }
}

// Outside the generic worker: types nested in a generic class are generic themselves, and the
// unspecialized worker then instantiated their metadata on every completion.
private enum WorkerPhase { case sending, draining(deadline: Int64) }

/// When a slot's request was due and when it actually went out.
private struct SlotTiming {
    var intended: Int64 = 0
    var sent: Int64 = 0
}

/// One transport thread: a `SlotTransport` with its share of the connections (a slot per
/// stream of each), sending its share of the arrivals (every `threadCount`-th, starting at
/// `index`) and recording into its own `RunRecorder`. Everything here is confined to that thread, so the mutable state is
/// marked `@exclusivity(unchecked)`: the runtime's dynamic exclusivity checks cost about 1.3%
/// of the thread's time (the flag that turned them off for the whole module now applies to
/// `Transports` only).
final class LoadWorker<Transport: SlotTransport>: PlannedWorker, @unchecked Sendable {
    private let index: Int
    private let threadCount: Int
    private let plan: LoadPlan
    private let control: RunControl
    private let series: IntervalSeriesBuilder
    @exclusivity(unchecked) private var startNanoseconds: Int64 = 0
    @exclusivity(unchecked) private var endNanoseconds: Int64 = 0
    /// When this worker stopped sending: the planned end, or the moment of a stop.
    @exclusivity(unchecked) private(set) var sendingEndedNanoseconds: Int64 = 0
    private let schedule: ArrivalSchedule?
    private let totalArrivals: Int
    private let maxInFlight: Int

    @exclusivity(unchecked) private var recorder = RunRecorder()
    @exclusivity(unchecked) private var interval = IntervalAccumulator(second: 0)
    private let transport: Transport
    private let wakerToken: Int
    @exclusivity(unchecked) private var slots: [SlotTiming]
    @exclusivity(unchecked) private var idle: [Int]
    @exclusivity(unchecked) private var inFlight = 0
    @exclusivity(unchecked) private var nextArrival: Int
    @exclusivity(unchecked) private var dueCursor: Int
    /// Closed model: connects failing in a row (the target unreachable), and when idle slots
    /// may try again. Without the pause a failed connect restarts at once, and a run spun
    /// through a hundred million failures in seconds on a full core.
    @exclusivity(unchecked) private var unreachableInARow = 0
    @exclusivity(unchecked) private var resumeAt: Int64 = 0
    /// Open model: how late the kernel may end this thread's timed sleeps (`PromptWakeUps`).
    @exclusivity(unchecked) private var timerSlack: Int64 = 0

    /// A worker sending on `slotCount` slots of `transport`.
    init(index: Int, threadCount: Int, slotCount: Int, plan: LoadPlan, control: RunControl,
         series: IntervalSeriesBuilder, transport: Transport) {
        self.index = index
        self.threadCount = threadCount
        self.plan = plan
        self.control = control
        self.series = series
        self.transport = transport
        switch plan.model {
        case .open(let schedule, let maxInFlight):
            self.schedule = schedule
            totalArrivals = schedule.totalArrivals
            self.maxInFlight = max(1, (maxInFlight + threadCount - 1) / threadCount)
        case .closed:
            schedule = nil
            totalArrivals = 0
            maxInFlight = slotCount
        }
        nextArrival = index
        dueCursor = index
        slots = Array(repeating: SlotTiming(), count: slotCount)
        idle = Array((0..<slotCount).reversed())
        wakerToken = control.register(transport.waker)
    }

    /// Runs the loop from `start` (shared by all workers) until sending is over and in-flight
    /// requests have finished or been abandoned; returns what was recorded.
    func run(from start: Int64) -> RunRecorder {
        startNanoseconds = start
        endNanoseconds = start + plan.model.sendingDuration.nanosecondsClamped
        var phase = WorkerPhase.sending
        timerSlack = PromptWakeUps.requestForCurrentThread(arrivalsPerSecond: arrivalsPerSecond(atSecond: 0))
        if case .closed = plan.model { startClosedRequests(at: MonotonicClock.now()) }
        while true {
            var now = MonotonicClock.now()
            if control.isStopping {
                countUnsentArrivals(at: now)
            } else if case .open = plan.model {
                // Arrivals still queued after the schedule's end go out while draining: every
                // intended request is measured or explicitly counted as dropped.
                startDueArrivals(at: now)
            } else if case .sending = phase, now >= resumeAt, now < endNanoseconds {
                startClosedRequests(at: now)
            }
            if case .sending = phase, control.isStopping || sendingIsOver(at: now) {
                sendingEndedNanoseconds = control.isStopping ? now : max(now, endNanoseconds)
                // A request sent just before the end still gets its whole timeout, plus a margin
                // for libcurl noticing the timeout, so it ends as a timeout and not unfinished.
                let grace = control.isStopping ? plan.interruptGrace : plan.transport.timeout + Self.drainMargin
                phase = .draining(deadline: now + grace.nanosecondsClamped)
            }
            now = collectCompletions(phase: phase)
            rollInterval(at: now)
            if case .draining(let deadline) = phase {
                if inFlight == 0, nextArrival >= totalArrivals { break }
                if now >= deadline || control.isStoppingImmediately {
                    countUnsentArrivals(at: now)
                    recorder.unfinished += inFlight
                    break
                }
            }
            waitForActivity(phase: phase, now: now)
        }
        interval.inFlight = inFlight
        series.publish(worker: index, interval, watermark: .max)
        releaseResources()
        return recorder
    }

    /// Time beyond the request timeout that in-flight requests get after the schedule ends.
    private static var drainMargin: Duration { .seconds(1) }

    // MARK: Sending

    private func startDueArrivals(at now: Int64) {
        guard let schedule else { return }
        // A stop ends the walk: far behind schedule, thousands of due arrivals may be dropped here.
        while nextArrival < totalArrivals, !control.isStopping {
            guard let offset = schedule.offsetNanoseconds(ofArrival: nextArrival) else { break }
            let intended = startNanoseconds + offset
            if intended > now { break }
            if let slot = idle.popLast() {
                start(slot: slot, intended: intended, now: now)
                nextArrival += threadCount
                continue
            }
            // Every connection is busy: the arrival waits, and its wait counts in its latency.
            // Past the in-flight limit the oldest waiting arrival is dropped instead.
            let waiting = dueArrivalsWaiting(at: now)
            if inFlight + waiting <= maxInFlight { break }
            countDropped(1)
            nextArrival += threadCount
        }
    }

    /// Arrivals already due (at or before `now`) that have not been sent.
    private func dueArrivalsWaiting(at now: Int64) -> Int {
        guard let schedule else { return 0 }
        dueCursor = max(dueCursor, nextArrival)
        while dueCursor < totalArrivals, !control.isStoppingImmediately,
              let offset = schedule.offsetNanoseconds(ofArrival: dueCursor), startNanoseconds + offset <= now {
            dueCursor += threadCount
        }
        return (dueCursor - nextArrival + threadCount - 1) / threadCount
    }

    private func startClosedRequests(at now: Int64) {
        while let slot = idle.popLast() { start(slot: slot, intended: now, now: now) }
    }

    @inline(__always)
    private func start(slot: Int, intended: Int64, now: Int64) {
        slots[slot] = SlotTiming(intended: intended, sent: now)
        transport.send(slot: slot)
        inFlight += 1
        recorder.sent += 1
        recorder.lastSendNanoseconds = now
    }

    private func sendingIsOver(at now: Int64) -> Bool {
        switch plan.model {
        case .open: return nextArrival >= totalArrivals || now >= endNanoseconds
        case .closed: return now >= endNanoseconds
        }
    }

    /// Arrivals that were due but never got a connection (a stop, or the drain period ran
    /// out) are dropped; arrivals not yet due are no longer part of the run.
    private func countUnsentArrivals(at now: Int64) {
        guard case .open = plan.model, nextArrival < totalArrivals else { return }
        countDropped(dueArrivalsWaiting(at: now))
        nextArrival = totalArrivals
    }

    private func countDropped(_ count: Int) {
        recorder.dropped += count
        interval.dropped += count
    }

    // MARK: Completions

    /// Hands finished requests to the recorder and restarts closed-model slots; returns now.
    private func collectCompletions(phase: WorkerPhase) -> Int64 {
        var latest = MonotonicClock.now()
        transport.collect { slot, outcome, now in
            latest = now
            inFlight -= 1
            record(outcome, slot: slots[slot], completed: now)
            if case .sending = phase, case .closed = plan.model, !control.isStopping, now < endNanoseconds,
               !pausesAfterUnreachable(outcome, now: now) {
                start(slot: slot, intended: now, now: now)
            } else {
                idle.append(slot)
            }
        }
        return latest
    }

    @inline(__always)
    private func record(_ outcome: SlotOutcome, slot: SlotTiming, completed: Int64) {
        recorder.lastCompletionNanoseconds = completed
        let second = Int((completed - startNanoseconds) / 1_000_000_000)
        if second != interval.second { publishInterval(nextSecond: second) }
        guard case .response(let status, let bytes, let phases) = outcome else {
            if case .failed(let kind) = outcome { recorder.countError(kind) }
            interval.record(latencyNanoseconds: nil, failed: true)
            return
        }
        let latency = completed - slot.intended
        recorder.responses &+= 1
        recorder.countStatus(status)
        recorder.bytesReceived &+= bytes
        recorder.histograms.record(.latency, nanoseconds: latency)
        recorder.histograms.record(.serviceTime, nanoseconds: completed - slot.sent)
        if case .open = plan.model { recorder.histograms.record(.wait, nanoseconds: slot.sent - slot.intended) }
        recorder.histograms.record(phases)
        let failure = ErrorKind(httpStatus: status)
        if let failure { recorder.countError(failure) }
        interval.record(latencyNanoseconds: latency, failed: failure != nil, serverError: failure == .http5xx)
    }

    /// Closed model: whether `outcome` never reached the target (refused, unresolvable, or
    /// this machine out of descriptors), so its slot waits before trying again: 1 ms after the
    /// first such failure in a row, doubling up to 100 ms. Any answer ends the pause.
    private func pausesAfterUnreachable(_ outcome: SlotOutcome, now: Int64) -> Bool {
        guard case .failed(let kind) = outcome, kind == .refused || kind == .dns || kind == .local else {
            unreachableInARow = 0
            return false
        }
        unreachableInARow += 1
        resumeAt = now + min(100_000_000, 1_000_000 << min(unreachableInARow - 1, 7))
        return true
    }

    // MARK: Timeline

    private func rollInterval(at now: Int64) {
        let second = Int((now - startNanoseconds) / 1_000_000_000)
        if second > interval.second { publishInterval(nextSecond: second) }
    }

    private func publishInterval(nextSecond: Int) {
        guard nextSecond > interval.second else { return }
        if schedule != nil { timerSlack = PromptWakeUps.adjust(arrivalsPerSecond: arrivalsPerSecond(atSecond: nextSecond)) }
        interval.inFlight = inFlight
        series.publish(worker: index, interval, watermark: nextSecond)
        interval = IntervalAccumulator(second: nextSecond)
    }

    // MARK: Waiting

    /// This thread's share of the schedule's rate `seconds` into the run; 0 in the closed model.
    private func arrivalsPerSecond(atSecond seconds: Int) -> Double {
        guard let schedule else { return 0 }
        return schedule.rate(atSecond: Double(seconds)) / Double(threadCount)
    }

    /// Sleeps until a request may have finished, the next arrival is due, a stop wakes the
    /// transport, or 100 ms pass (timeline ticks). While sending on a schedule, responses may
    /// wait for the next arrival's wake-up (`ResponseBatching`).
    private func waitForActivity(phase: WorkerPhase, now: Int64) {
        var wakeAt: Int64? = nil
        if case .open(let schedule, _) = plan.model, !idle.isEmpty, !control.isStopping,
           let offset = schedule.offsetNanoseconds(ofArrival: nextArrival) {
            wakeAt = startNanoseconds + offset
        }
        var responsesMayWait = false
        switch (phase, plan.model) {
        case (.sending, .open):
            if let wakeAt {
                responsesMayWait = ResponseBatching.responsesMayWait(nextArrivalIn: wakeAt - now, timerSlack: timerSlack,
                                                                     idleSlots: idle.count, slots: slots.count)
            }
        case (.sending, .closed): wakeAt = idle.isEmpty ? endNanoseconds : min(endNanoseconds, max(resumeAt, now))
        case (.draining(let deadline), _): wakeAt = min(wakeAt ?? deadline, deadline)
        }
        if let wakeAt, wakeAt <= now { return }
        transport.wait(until: wakeAt, maximumMilliseconds: 100, responsesMayWait: responsesMayWait)
    }

    // MARK: Teardown

    /// Frees the transport as soon as the loop ends, so the target sees the connections close
    /// with the run and not when the result is dropped.
    private func releaseResources() {
        control.unregister(wakerToken)
        transport.release()
    }

    /// A worker dropped without running (a later thread's transport failed to set up) must not
    /// leave its waker behind: a stop would write to a descriptor its transport closed.
    deinit { control.unregister(wakerToken) }
}
