import Foundation
import Synchronization

/// A request waiting for its response, and the task awaiting it.
struct ExchangeJob: Sendable {
    let request: RequestSpec
    /// The parts of the response wanted (that a check or capture reads).
    let keeps: ResponseParts
    /// Resumed exactly once, by the worker's thread: when the response ends, or as abandoned.
    /// Unchecked, because a checked continuation allocates on every request of a flow.
    let continuation: UnsafeContinuation<HTTPExchange, Never>
}

/// One thread of an exchange transport, fed by an inbox any task may post to.
protocol ExchangeWorker: AnyObject, Sendable {
    /// Queues `job`; false once the thread is closing (the caller answers the job itself).
    func post(_ job: ExchangeJob) -> Bool
    /// Asks the thread to end once its requests are answered; with `abandoning`, at once,
    /// answering every request still in flight or queued as abandoned.
    func close(abandoning: Bool)
    /// Waits until the thread has ended and released what it holds.
    func waitUntilFinished()
    /// Starts the thread, called `name`.
    func start(name: String)
    /// The executor the worker's thread also is, for the tasks that send through it; nil when
    /// tasks cannot run there.
    var taskExecutor: (any TaskExecutor)? { get }
    /// Whether the caller runs on the worker's thread (a task preferring `taskExecutor`).
    var runsOnCurrentThread: Bool { get }
}

extension ExchangeWorker {
    /// A worker whose thread runs no tasks.
    var taskExecutor: (any TaskExecutor)? { nil }
    var runsOnCurrentThread: Bool { false }
}

/// The threads of an exchange transport: requests go to them in turn.
struct ExchangeWorkers<Worker: ExchangeWorker>: Sendable {
    private let workers: [Worker]
    private let next = Counter()

    /// `options.threads` workers, each made by `make` for its share of the connections,
    /// then started as `namePrefix-INDEX`; none is started when making one throws.
    init(options: TransportOptions, namePrefix: String,
         make: (_ connections: Int) throws(TransportError) -> Worker) throws(TransportError) {
        var workers: [Worker] = []
        for index in 0..<options.threads {
            workers.append(try make(max(1, options.share(of: index))))
        }
        for (index, worker) in workers.enumerated() { worker.start(name: "\(namePrefix)-\(index)") }
        self.workers = workers
    }

    /// The executors of the workers that are also task executors, in order.
    var taskExecutors: [any TaskExecutor] { workers.compactMap(\.taskExecutor) }

    /// Sends `request` through the worker whose thread the caller runs on (its response then
    /// resumes the caller there, no other thread woken), or else through the next in turn.
    func send(_ request: RequestSpec, keeping parts: ResponseParts) async -> HTTPExchange {
        let index = workers.firstIndex { $0.runsOnCurrentThread }
            ?? next.value.wrappingAdd(1, ordering: .relaxed).oldValue % workers.count
        return await withUnsafeContinuation { continuation in
            if !workers[index].post(ExchangeJob(request: request, keeps: parts, continuation: continuation)) {
                continuation.resume(returning: .abandoned(at: MonotonicClock.now()))
            }
        }
    }

    func close(abandoning: Bool) async {
        for worker in workers { worker.close(abandoning: abandoning) }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [workers] in
                for worker in workers { worker.waitUntilFinished() }
                continuation.resume()
            }
        }
    }

    func abandonInFlight() {
        for worker in workers { worker.close(abandoning: true) }
    }

    private final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }
}
