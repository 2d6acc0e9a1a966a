import Foundation
import Synchronization

/// A request waiting for its response, and the task awaiting it.
struct ExchangeJob: Sendable {
    let request: RequestSpec
    /// Whether the response's body is wanted (a check or capture reads it).
    let keepsBody: Bool
    let continuation: CheckedContinuation<HTTPExchange, Never>
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

    func send(_ request: RequestSpec, keepingBody: Bool) async -> HTTPExchange {
        let index = next.value.wrappingAdd(1, ordering: .relaxed).oldValue % workers.count
        return await withCheckedContinuation { continuation in
            if !workers[index].post(ExchangeJob(request: request, keepsBody: keepingBody, continuation: continuation)) {
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
