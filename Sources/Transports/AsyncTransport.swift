import CCurl
import Foundation

/// Sends requests for tasks that await each response before deciding the next request (the
/// virtual users of a scenario). libcurl does the HTTP on dedicated threads, each with its own
/// multi handle and connection cache; a task posts its request to one of them and is resumed
/// with the exchange, so no cooperative thread ever blocks on the network. Keeps every body.
public final class AsyncTransport: ExchangeTransport {
    private let threads: ExchangeWorkers<ExchangeThread>

    /// Starts `options.threads` transport threads sharing `options.connections` connections.
    /// `url` is any URL of the target: it decides the HTTP version to negotiate.
    public init(options: TransportOptions, url: String) throws(TransportError) {
        guard CurlGlobal.isReady else { throw .setupFailed(call: "curl_global_init", detail: nil) }
        try TargetURL.validate(url)
        try DescriptorLimit.ensureRoom(connections: options.connections, threads: options.threads)
        threads = try ExchangeWorkers(options: options, namePrefix: "pk-curl") { connections throws(TransportError) in
            try ExchangeThread(transport: options, connections: connections, url: url)
        }
    }

    public func send(_ request: RequestSpec, keeping parts: ResponseParts) async -> HTTPExchange {
        await threads.send(request, keeping: parts)
    }

    public func close(abandoning: Bool) async { await threads.close(abandoning: abandoning) }

    public func abandonInFlight() { threads.abandonInFlight() }

    public var taskExecutors: [any TaskExecutor] { threads.taskExecutors }
}

extension TransportOptions {
    /// The connections transport thread `index` holds: an even share, the first threads taking
    /// what does not divide.
    func share(of index: Int) -> Int {
        connections / threads + (index < connections % threads ? 1 : 0)
    }
}
