import CCurl
import Glibc

/// One transport thread: a libcurl multi handle with its share of the connections, sending
/// its share of the arrivals (every `threadCount`-th, starting at `index`) and recording
/// into its own `RunRecorder`. Everything here is confined to that thread.
final class CurlWorker: @unchecked Sendable {
    private enum Phase { case sending, draining(deadline: Int64) }

    private struct Slot {
        var intended: Int64 = 0
        var sent: Int64 = 0
    }

    private let index: Int
    private let threadCount: Int
    private let plan: LoadPlan
    private let control: RunControl
    private let series: IntervalSeriesBuilder
    private var startNanoseconds: Int64 = 0
    private var endNanoseconds: Int64 = 0
    /// When this worker stopped sending: the planned end, or the moment of a stop.
    private(set) var sendingEndedNanoseconds: Int64 = 0
    private let schedule: ArrivalSchedule?
    private let totalArrivals: Int
    private let maxInFlight: Int

    private var recorder = RunRecorder()
    private var interval = IntervalAccumulator(second: 0)
    private let multi: UnsafeMutableRawPointer
    private var handles: [CurlEasyHandle] = []
    private var slots: [Slot]
    private var idle: [Int]
    private var inFlight = 0
    private var nextArrival: Int
    private var dueCursor: Int
    private let timer: Int32
    private var timerArmedAt: Int64 = 0
    private let headers: UnsafeMutablePointer<curl_slist>?

    /// Prepares the worker's handles; throws before any request is sent.
    init(index: Int, threadCount: Int, connections: Int, plan: LoadPlan, control: RunControl,
         series: IntervalSeriesBuilder) throws(LoadEngineError) {
        self.index = index
        self.threadCount = threadCount
        self.plan = plan
        self.control = control
        self.series = series
        switch plan.model {
        case .open(let schedule, let maxInFlight):
            self.schedule = schedule
            totalArrivals = schedule.totalArrivals
            self.maxInFlight = max(1, (maxInFlight + threadCount - 1) / threadCount)
        case .closed:
            schedule = nil
            totalArrivals = 0
            maxInFlight = connections
        }
        nextArrival = index
        dueCursor = index
        guard let multi = curl_multi_init() else { throw .transportSetup("curl_multi_init failed") }
        self.multi = multi
        pk_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections)
        pk_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, connections)
        if plan.transport.http2 { pk_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX)) }
        headers = plan.request.headers.reduce(nil) { curl_slist_append($0, $1) }
        timer = pk_timer_create()
        slots = Array(repeating: Slot(), count: connections)
        idle = Array((0..<connections).reversed())
        do {
            for slot in 0..<connections {
                handles.append(try CurlEasyHandle(request: plan.request, transport: plan.transport,
                                                  headers: headers, slot: slot))
            }
        } catch {
            releaseResources()
            throw error
        }
        control.register(multi)
    }

    /// Runs the loop from `start` (shared by all workers) until sending is over and in-flight
    /// requests have finished or been abandoned; returns what was recorded.
    func run(from start: Int64) -> RunRecorder {
        startNanoseconds = start
        endNanoseconds = start + plan.model.sendingDuration.nanosecondsClamped
        var phase = Phase.sending
        if case .closed = plan.model { startClosedRequests(at: MonotonicClock.now()) }
        while true {
            var now = MonotonicClock.now()
            if control.isStopping {
                countUnsentArrivals(at: now)
            } else if case .open = plan.model {
                // Arrivals still queued after the schedule's end go out while draining: every
                // intended request is measured or explicitly counted as dropped.
                startDueArrivals(at: now)
            }
            if case .sending = phase, control.isStopping || sendingIsOver(at: now) {
                sendingEndedNanoseconds = control.isStopping ? now : max(now, endNanoseconds)
                // A request sent just before the end still gets its whole timeout, plus a margin
                // for libcurl noticing the timeout, so it ends as a timeout and not unfinished.
                let grace = control.isStopping ? plan.interruptGrace : plan.transport.timeout + Self.drainMargin
                phase = .draining(deadline: now + grace.nanosecondsClamped)
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            now = MonotonicClock.now()
            collectCompletions(at: now, phase: phase)
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
    private static let drainMargin = Duration.seconds(1)

    // MARK: Sending

    private func startDueArrivals(at now: Int64) {
        guard let schedule else { return }
        while nextArrival < totalArrivals {
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
        while dueCursor < totalArrivals,
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
        slots[slot] = Slot(intended: intended, sent: now)
        curl_multi_add_handle(multi, handles[slot].raw)
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

    private func collectCompletions(at now: Int64, phase: Phase) {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let slot = CurlEasyHandle.slot(of: easy)
            curl_multi_remove_handle(multi, easy)
            inFlight -= 1
            record(handles[slot], result: pk_message_result(message), slot: slots[slot], completed: now)
            if case .sending = phase, case .closed = plan.model, !control.isStopping, now < endNanoseconds {
                start(slot: slot, intended: now, now: now)
            } else {
                idle.append(slot)
            }
        }
    }

    @inline(__always)
    private func record(_ handle: CurlEasyHandle, result: CURLcode, slot: Slot, completed: Int64) {
        recorder.lastCompletionNanoseconds = completed
        let second = Int((completed - startNanoseconds) / 1_000_000_000)
        if second != interval.second { publishInterval(nextSecond: second) }
        guard result == CURLE_OK else {
            let kind = ErrorKind(curlCode: result)
            recorder.countError(kind)
            interval.record(latencyNanoseconds: nil, failed: true)
            return
        }
        let status = handle.responseStatus()
        let latency = completed - slot.intended
        recorder.responses &+= 1
        recorder.countStatus(status)
        recorder.bytesReceived &+= handle.info(CURLINFO_SIZE_DOWNLOAD_T)
        recorder.histograms.record(.latency, nanoseconds: latency)
        recorder.histograms.record(.serviceTime, nanoseconds: completed - slot.sent)
        if case .open = plan.model { recorder.histograms.record(.wait, nanoseconds: slot.sent - slot.intended) }
        recorder.histograms.record(handle.phases())
        let failure = ErrorKind(httpStatus: status)
        if let failure { recorder.countError(failure) }
        interval.record(latencyNanoseconds: latency, failed: failure != nil, serverError: failure == .http5xx)
    }

    // MARK: Timeline

    private func rollInterval(at now: Int64) {
        let second = Int((now - startNanoseconds) / 1_000_000_000)
        if second > interval.second { publishInterval(nextSecond: second) }
    }

    private func publishInterval(nextSecond: Int) {
        guard nextSecond > interval.second else { return }
        interval.inFlight = inFlight
        series.publish(worker: index, interval, watermark: nextSecond)
        interval = IntervalAccumulator(second: nextSecond)
    }

    // MARK: Waiting

    /// Sleeps in `curl_multi_poll` until a socket is ready, the next arrival is due (timerfd,
    /// nanosecond resolution), a stop wakes the multi handle, or 100 ms pass (timeline ticks).
    private func waitForActivity(phase: Phase, now: Int64) {
        var wakeAt: Int64? = nil
        if case .open(let schedule, _) = plan.model, !idle.isEmpty, !control.isStopping,
           let offset = schedule.offsetNanoseconds(ofArrival: nextArrival) {
            wakeAt = startNanoseconds + offset
        }
        switch (phase, plan.model) {
        case (.sending, .open): break
        case (.sending, .closed): wakeAt = endNanoseconds
        case (.draining(let deadline), _): wakeAt = min(wakeAt ?? deadline, deadline)
        }
        if let wakeAt, wakeAt <= now { return }
        armTimer(at: wakeAt)
        var waitFD = curl_waitfd(fd: timer, events: Int16(CURL_WAIT_POLLIN), revents: 0)
        curl_multi_poll(multi, &waitFD, 1, 100, nil)
        if waitFD.revents != 0 {
            pk_timer_drain(timer)
            timerArmedAt = 0
        }
    }

    private func armTimer(at instant: Int64?) {
        guard let instant else {
            if timerArmedAt != 0 { pk_timer_disarm(timer); timerArmedAt = 0 }
            return
        }
        guard instant != timerArmedAt else { return }
        pk_timer_arm_at(timer, instant)
        timerArmedAt = instant
    }

    // MARK: Teardown

    private func releaseResources() {
        control.unregister(multi)
        for handle in handles {
            curl_multi_remove_handle(multi, handle.raw)
            handle.cleanup()
        }
        handles.removeAll()
        curl_multi_cleanup(multi)
        curl_slist_free_all(headers)
        close(timer)
    }
}

extension Duration {
    /// The duration in nanoseconds, clamped to what fits in Int64.
    public var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        guard seconds < Int64.max / 1_000_000_000 else { return .max }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
