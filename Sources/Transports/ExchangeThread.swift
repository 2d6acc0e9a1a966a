import CCurl
import Foundation
import Synchronization

/// One transport thread of an `AsyncTransport`: a libcurl multi handle whose connection
/// cache all its requests share, fed by an inbox that any task may post to.
final class ExchangeThread: ExchangeWorker, @unchecked Sendable {
    private struct Inbox {
        var jobs: [ExchangeJob] = []
        var closing = false
        var abandoning = false
    }

    private let inbox = Mutex(Inbox())
    private let transport: TransportOptions
    private let url: String
    private let multi: UnsafeMutableRawPointer
    private let thread = DedicatedThread()
    // Confined to the thread from here on.
    private var idle: [ExchangeHandle] = []
    private var active: Set<ObjectIdentifier> = []
    private var handles: [ObjectIdentifier: ExchangeHandle] = [:]
    /// Whether the multi handle was cleaned up: at the thread's end, or in deinit for a thread
    /// that never started (a later thread's setup failed).
    private var released = false

    /// A thread for requests to `url`'s host, holding at most `connections` connections (of
    /// `transport.streams` HTTP/2 streams each).
    init(transport: TransportOptions, connections: Int, url: String) throws(TransportError) {
        guard let multi = curl_multi_init() else { throw .setupFailed(call: "curl_multi_init", detail: nil) }
        self.multi = multi
        self.transport = transport
        self.url = url
        CurlConnectionLimits.apply(to: multi, transport: transport, connections: connections)
    }

    func post(_ job: ExchangeJob) -> Bool {
        let accepted = inbox.withLock { inbox in
            guard !inbox.closing else { return false }
            inbox.jobs.append(job)
            return true
        }
        if accepted { curl_multi_wakeup(multi) }
        return accepted
    }

    func close(abandoning: Bool) {
        inbox.withLock { inbox in
            inbox.closing = true
            inbox.abandoning = inbox.abandoning || abandoning
        }
        curl_multi_wakeup(multi)
    }

    func waitUntilFinished() { thread.waitUntilFinished() }

    /// Starts the thread.
    func start(name: String) {
        thread.start(name: name) { [self] in run() }
    }

    private func run() {
        while true {
            let (jobs, closing, abandoning) = inbox.withLock { inbox in
                defer { inbox.jobs.removeAll(keepingCapacity: true) }
                return (inbox.jobs, inbox.closing, inbox.abandoning)
            }
            if abandoning {
                abandon(jobs)
                break
            }
            for job in jobs { start(job) }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectCompletions()
            if closing, active.isEmpty, inbox.withLock({ $0.jobs.isEmpty }) { break }
            curl_multi_poll(multi, nil, 0, 100, nil)
        }
        releaseResources()
    }

    private func start(_ job: ExchangeJob) {
        let handle: ExchangeHandle
        if let reused = idle.popLast() {
            handle = reused
        } else {
            do {
                handle = try ExchangeHandle(transport: transport, url: url)
            } catch {
                job.continuation.resume(returning: failed(at: MonotonicClock.now()))
                return
            }
            handles[ObjectIdentifier(handle)] = handle
        }
        if handle.prepare(job.request) != nil {
            handle.reset()
            idle.append(handle)
            job.continuation.resume(returning: failed(at: MonotonicClock.now()))
            return
        }
        handle.job = job
        handle.sentNanoseconds = MonotonicClock.now()
        active.insert(ObjectIdentifier(handle))
        curl_multi_add_handle(multi, handle.raw)
    }

    private func collectCompletions() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let handle = ExchangeHandle.owning(easy)
            curl_multi_remove_handle(multi, easy)
            let result = pk_message_result(message)
            if handle.retriesAfterStaleConnection(result) {
                curl_multi_add_handle(multi, easy)
                continue
            }
            let exchange = handle.exchange(result: result, completed: MonotonicClock.now())
            let job = handle.job
            active.remove(ObjectIdentifier(handle))
            handle.reset()
            idle.append(handle)
            job?.continuation.resume(returning: exchange)
        }
    }

    private func abandon(_ queued: [ExchangeJob]) {
        let now = MonotonicClock.now()
        for identifier in active {
            guard let handle = handles[identifier] else { continue }
            curl_multi_remove_handle(multi, handle.raw)
            handle.job?.continuation.resume(returning: .abandoned(at: now))
            handle.reset()
        }
        active.removeAll()
        for job in queued { job.continuation.resume(returning: .abandoned(at: now)) }
    }

    /// A request libcurl refused to set up (a URL it cannot parse, as a rule).
    private func failed(at now: Int64) -> HTTPExchange { .failed(.other, at: now) }

    private func releaseResources() {
        guard !released else { return }
        released = true
        // Jobs posted between the last look at the inbox and closing still get an answer.
        let late = inbox.withLock { inbox in
            defer { inbox.jobs.removeAll() }
            return inbox.jobs
        }
        abandon(late)
        for handle in handles.values { handle.release() }
        handles.removeAll()
        idle.removeAll()
        curl_multi_cleanup(multi)
    }

    deinit { releaseResources() }
}
