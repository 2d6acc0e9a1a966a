import Foundation
import Synchronization

/// One thread of a `NativeExchangeTransport`: an epoll loop over a `NativeSlotTransport`'s
/// connections to one origin, fed by an inbox any task may post to. A job goes to an idle
/// connection, or waits for one; its task is resumed from this thread when it ends.
///
/// The thread is also a task executor: tasks that prefer it (a scenario's virtual users) run
/// between its epoll waits. A task resumed with its response then runs on the thread that read
/// the response, and posts its next request without waking another thread: about half of a
/// flow's CPU per step went into such wake-ups when the tasks ran on the global pool
/// (bench/flow-steps). Once the thread has ended, its tasks run on the global executor.
final class NativeExchangeThread: ExchangeWorker, TaskExecutor, @unchecked Sendable {
    private struct Inbox {
        var jobs: [ExchangeJob] = []
        /// Tasks enqueued on this executor, run in order between epoll waits.
        var tasks: [UnownedJob] = []
        /// Whether the loop has returned: tasks enqueued from then on go to the global executor.
        var ended = false
        var closing = false
        var abandoning = false
        /// Whether the thread found no job and waits in epoll: only then does a post wake it,
        /// a busy thread looks at the inbox before it waits anyway (an eventfd write saved).
        var asleep = false
    }

    private let inbox = Mutex(Inbox())
    private let origin: HTTPOrigin
    private let thread = DedicatedThread()
    // Confined to the thread from here on.
    private let slots: NativeSlotTransport
    /// The task awaiting each slot's response: the request itself is not needed once sent.
    private var running: [UnsafeContinuation<HTTPExchange, Never>?]
    private var sentAt: [Int64]
    /// Idle slots, the most recently used last: its connection is the likeliest to be open.
    private var idle: [Int]
    private var waiting: [ExchangeJob] = []
    private var waitingStart = 0
    private var taken: [ExchangeJob] = []
    private var runnable: [UnownedJob] = []
    private var requestBytes: [UInt8] = []

    /// A thread for requests to `origin`, holding at most `connections` connections.
    init(transport: TransportOptions, connections: Int, origin: HTTPOrigin) throws(TransportError) {
        self.origin = origin
        slots = try NativeSlotTransport(origin: origin, transport: transport, connections: connections)
        running = Array(repeating: nil, count: connections)
        sentAt = Array(repeating: 0, count: connections)
        idle = Array((0..<connections).reversed())
        requestBytes.reserveCapacity(4_096)
    }

    func post(_ job: ExchangeJob) -> Bool {
        let (accepted, wake) = inbox.withLock { inbox in
            guard !inbox.closing else { return (false, false) }
            inbox.jobs.append(job)
            return (true, inbox.asleep)
        }
        if wake { slots.waker() }
        return accepted
    }

    func close(abandoning: Bool) {
        inbox.withLock { inbox in
            inbox.closing = true
            inbox.abandoning = inbox.abandoning || abandoning
        }
        slots.waker()
    }

    func waitUntilFinished() { thread.waitUntilFinished() }

    var taskExecutor: (any TaskExecutor)? { self }

    func enqueue(_ job: consuming ExecutorJob) {
        let task = UnownedJob(job)
        let (accepted, wake) = inbox.withLock { inbox in
            guard !inbox.ended else { return (false, false) }
            inbox.tasks.append(task)
            return (true, inbox.asleep)
        }
        guard accepted else { return globalConcurrentExecutor.enqueue(ExecutorJob(task)) }
        // A task resumed by this thread (its response was just read) needs no wake-up: the
        // thread is awake although `asleep` still says it waited.
        if wake, !thread.isCurrent { slots.waker() }
    }

    var runsOnCurrentThread: Bool { thread.isCurrent }

    /// Starts the thread.
    func start(name: String) {
        thread.start(name: name) { [self] in run() }
    }

    private func run() {
        let executor = asUnownedTaskExecutor()
        while true {
            let (closing, abandoning) = inbox.withLock { inbox in
                swap(&inbox.tasks, &runnable)
                inbox.asleep = false
                return (inbox.closing, inbox.abandoning)
            }
            if abandoning { break }
            // Before the posted jobs are taken, so that the requests these tasks post go out now.
            for task in runnable { task.runSynchronously(on: executor) }
            runnable.removeAll(keepingCapacity: true)
            inbox.withLock { swap(&$0.jobs, &taken) }
            for job in taken { start(job) }
            taken.removeAll(keepingCapacity: true)
            slots.collect(finish)
            if closing, idle.count == running.count, inbox.withLock({ $0.jobs.isEmpty }) { break }
            // With tasks or jobs waiting, only what has already arrived is read.
            slots.wait(until: fallsAsleep() ? nil : 0, maximumMilliseconds: 100, responsesMayWait: false)
            slots.collect(finish)
        }
        abandonAll()
        slots.release()
        handOverTasks()
    }

    /// Sends the tasks still enqueued, and every later one, to the global executor.
    private func handOverTasks() {
        let left = inbox.withLock { inbox in
            inbox.ended = true
            defer { inbox.tasks.removeAll() }
            return inbox.tasks
        }
        for task in left { globalConcurrentExecutor.enqueue(ExecutorJob(task)) }
    }

    /// Whether nothing was posted since the inbox was last emptied; if so, later posts wake the thread.
    private func fallsAsleep() -> Bool {
        inbox.withLock { inbox in
            inbox.asleep = inbox.jobs.isEmpty && inbox.tasks.isEmpty && !inbox.closing
            return inbox.asleep
        }
    }

    /// Sends `job` on an idle connection, or queues it until one is.
    private func start(_ job: ExchangeJob) {
        guard let slot = idle.popLast() else { return waiting.append(job) }
        start(job, on: slot)
    }

    private func start(_ job: ExchangeJob, on slot: Int) {
        let now = MonotonicClock.now()
        guard let target = origin.target(of: job.request.url) else {
            idle.append(slot)
            // A URL libcurl would not send either: refused like a request it could not set up.
            return job.continuation.resume(returning: .failed(.other, at: now))
        }
        requestBytes.removeAll(keepingCapacity: true)
        RequestBytes.append(method: job.request.method, target: target, host: origin.hostHeader, headers: job.request.headers,
                            body: job.request.body, to: &requestBytes)
        running[slot] = job.continuation
        sentAt[slot] = now
        requestBytes.withUnsafeBytes { bytes in
            slots.send(slot: slot, request: bytes, answersHead: job.request.method == "HEAD",
                       capturesFields: job.keeps.contains(.headers),
                       keptBodyLimit: job.keeps.contains(.body) ? HTTPExchange.maxKeptBodyBytes : 0)
        }
    }

    private func finish(slot: Int, outcome: SlotOutcome, at now: Int64) {
        guard let continuation = running[slot].take() else { return }
        var exchange = HTTPExchange.failed(.other, at: now)
        exchange.sentNanoseconds = sentAt[slot]
        switch outcome {
        case .response(let status, let bytes, let phases):
            let captured = slots.takeCaptured(slot: slot)
            exchange.ending = .response
            exchange.status = status
            exchange.headers = captured.headers
            exchange.body = captured.body
            exchange.bytesReceived = bytes
            exchange.phases = phases
        case .failed(let kind):
            exchange.ending = .failed(kind)
        }
        if waitingStart < waiting.count {
            let next = waiting[waitingStart]
            waitingStart += 1
            if waitingStart == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                waitingStart = 0
            }
            start(next, on: slot)
        } else {
            idle.append(slot)
        }
        continuation.resume(returning: exchange)
    }

    /// Answers every request in flight, waiting or posted as abandoned.
    private func abandonAll() {
        let now = MonotonicClock.now()
        let late = inbox.withLock { inbox in
            inbox.closing = true
            defer { inbox.jobs.removeAll() }
            return inbox.jobs
        }
        for slot in running.indices {
            running[slot].take()?.resume(returning: .abandoned(at: now))
        }
        for job in waiting[waitingStart...] + taken + late { job.continuation.resume(returning: .abandoned(at: now)) }
        waiting.removeAll()
        taken.removeAll()
    }
}
