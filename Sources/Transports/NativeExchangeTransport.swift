/// Sends scenario requests on perfkit's own HTTP/1.1 client: one or more threads, each an
/// epoll loop over its share of kept-alive connections to one http:// or https:// origin, and a
/// task executor (`taskExecutors`) for the tasks that send through it. About 2.7 times less CPU
/// than `AsyncTransport` per scenario step (bench/flow-steps); every request must be on that
/// origin.
public final class NativeExchangeTransport: ExchangeTransport {
    private let threads: ExchangeWorkers<NativeExchangeThread>

    /// Starts `options.threads` threads sharing `options.connections` connections to the
    /// origin of `url`; throws for a URL that is not http:// or https://.
    public init(options: TransportOptions, url: String) throws(TransportError) {
        let origin = try HTTPOrigin(url: url)
        try DescriptorLimit.ensureRoom(connections: options.connections, threads: options.threads)
        threads = try ExchangeWorkers(options: options, namePrefix: "pk-native") { connections throws(TransportError) in
            try NativeExchangeThread(transport: options, connections: connections, origin: origin)
        }
    }

    public func send(_ request: RequestSpec, keeping parts: ResponseParts) async -> HTTPExchange {
        await threads.send(request, keeping: parts)
    }

    public func close(abandoning: Bool) async { await threads.close(abandoning: abandoning) }

    public func abandonInFlight() { threads.abandonInFlight() }

    public var taskExecutors: [any TaskExecutor] { threads.taskExecutors }
}
