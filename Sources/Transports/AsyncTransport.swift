import CCurl
import Foundation
import Synchronization

/// Sends requests for tasks that await each response before deciding the next request (the
/// virtual users of a scenario). libcurl does the HTTP on dedicated threads, each with its own
/// multi handle and connection cache; a task posts its request to one of them and is resumed
/// with the exchange, so no cooperative thread ever blocks on the network.
public final class AsyncTransport: Sendable {
    private let threads: [ExchangeThread]
    private let nextThread = Atomic<Int>(0)

    /// Starts `options.threads` transport threads sharing `options.connections` connections.
    /// `url` is any URL of the target: it decides the HTTP version to negotiate.
    public init(options: TransportOptions, url: String) throws(TransportError) {
        guard CurlGlobal.isReady else { throw .setupFailed(call: "curl_global_init", detail: nil) }
        try TargetURL.validate(url)
        try DescriptorLimit.ensureRoom(connections: options.connections, threads: options.threads)
        var threads: [ExchangeThread] = []
        for index in 0..<options.threads {
            let share = options.connections / options.threads + (index < options.connections % options.threads ? 1 : 0)
            threads.append(try ExchangeThread(transport: options, connections: max(1, share), url: url))
        }
        for (index, thread) in threads.enumerated() { thread.start(name: "perfkit-exchange-\(index)") }
        self.threads = threads
    }

    /// Sends `request` and returns what came back. Never throws: a transport failure is an
    /// exchange that ended in `.failed`, a request cut short by `close(abandoning: true)` one
    /// that ended in `.abandoned`.
    public func send(_ request: RequestSpec) async -> HTTPExchange {
        let index = nextThread.wrappingAdd(1, ordering: .relaxed).oldValue % threads.count
        return await withCheckedContinuation { continuation in
            if !threads[index].post(ExchangeJob(request: request, continuation: continuation)) {
                continuation.resume(returning: .abandoned(at: MonotonicClock.now()))
            }
        }
    }

    /// Ends the transport threads: once their requests are answered, or at once with
    /// `abandoning` (requests in flight end as abandoned). Returns when every thread has ended.
    public func close(abandoning: Bool = false) async {
        for thread in threads { thread.close(abandoning: abandoning) }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [threads] in
                for thread in threads { thread.waitUntilFinished() }
                continuation.resume()
            }
        }
    }

    /// Requests in flight at once cut short, for a second Ctrl-C: same as `close(abandoning: true)`
    /// but without waiting.
    public func abandonInFlight() {
        for thread in threads { thread.close(abandoning: true) }
    }
}
