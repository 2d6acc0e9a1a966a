/// Sends scenario requests on perfkit's own HTTP/1.1 client: one or more threads, each an
/// epoll loop over its share of kept-alive connections to one plain http:// origin. About half
/// `AsyncTransport`'s CPU per scenario step (bench/flow-steps); every request must be on that
/// origin.
public final class NativeExchangeTransport: ExchangeTransport {
    private let threads: ExchangeWorkers<NativeExchangeThread>

    /// Starts `options.threads` threads sharing `options.connections` connections to the
    /// origin of `url`; throws for a URL that is not plain http://.
    public init(options: TransportOptions, url: String) throws(TransportError) {
        let origin = try HTTPOrigin(url: url)
        try DescriptorLimit.ensureRoom(connections: options.connections, threads: options.threads)
        var threads: [NativeExchangeThread] = []
        for index in 0..<options.threads {
            threads.append(try NativeExchangeThread(transport: options, connections: max(1, options.share(of: index)),
                                                    origin: origin))
        }
        for (index, thread) in threads.enumerated() { thread.start(name: "perfkit-native-exchange-\(index)") }
        self.threads = ExchangeWorkers(threads)
    }

    public func send(_ request: RequestSpec, keepingBody: Bool) async -> HTTPExchange {
        await threads.send(request, keepingBody: keepingBody)
    }

    public func close(abandoning: Bool) async { await threads.close(abandoning: abandoning) }

    public func abandonInFlight() { threads.abandonInFlight() }
}
