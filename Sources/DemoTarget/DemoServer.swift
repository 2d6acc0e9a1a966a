import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An HTTP/1.1 server playing the trading platform's services, with injected latency, failures and stalls.
///
/// Routes: `GET /`, `GET /healthz`, `GET /api/prices/{symbol}`, `GET /api/signals`, `POST /api/signals`,
/// `GET /api/signals/{id}`, `POST /api/orders`, `GET /api/orders/{id}`, `DELETE /api/orders/{id}`, and
/// `GET /metrics` (Prometheus text format, untouched by faults and overrides). Signals and
/// orders live in memory, bounded by the configuration's capacities. Every routed request also honours
/// `?delay=`, `?status=`, `?close=mid` and `?size=`.
/// Many servers may run in one process; each owns its event loop threads until `shutdown()`.
public final class DemoServer: Sendable {
    /// The address the server listens on.
    public let host: String
    /// The port the server listens on: the one the system picked when the configuration asked for 0.
    public let port: Int
    private let state: DemoServiceState
    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel
    private let shutdownTask = Mutex<Task<Void, any Error>?>(nil)

    private init(
        host: String, port: Int, state: DemoServiceState, group: MultiThreadedEventLoopGroup, listener: any Channel
    ) {
        self.host = host
        self.port = port
        self.state = state
        self.group = group
        self.listener = listener
    }

    /// The URL that reaches the server, such as `http://127.0.0.1:8083`.
    public var baseURL: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    /// The number of responses written so far, including injected failures and responses cut short.
    public var requestsServed: Int { state.responsesWritten }

    /// The probability, in 0...1, that a routed request is answered with an injected 500.
    public var errorRate: Double { state.faults.errorRate }

    /// Changes the injected error rate for every request from now on, while the server runs: a fault that
    /// starts (or ends) mid-run, as a bad deploy would.
    public func setErrorRate(_ rate: Double) throws(DemoTargetError) {
        try DemoTargetConfiguration.validate(errorRate: rate)
        state.faults.errorRate = rate
    }

    /// What the configured latency and jitter are multiplied by now (1 as configured).
    public var slowdown: Double { state.faults.slowdown }

    /// Slows every response from now on by `factor` (1.5: latency and jitter half as long again), while the
    /// server runs: a slowdown that starts mid-run, such as a database slowing every version at once.
    public func setSlowdown(_ factor: Double) throws(DemoTargetError) {
        try DemoTargetConfiguration.validate(slowdown: factor)
        state.faults.slowdown = factor
    }

    /// Starts a server and returns once it is listening.
    public static func start(_ configuration: DemoTargetConfiguration) async throws(DemoTargetError) -> DemoServer {
        try configuration.validate()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.eventLoopThreads)
        let state = DemoServiceState(configuration: configuration, start: .now())
        let listener: any Channel
        do {
            listener = try await bootstrap(group: group, state: state)
                .bind(host: configuration.host, port: configuration.port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw .bindFailed(host: configuration.host, port: configuration.port, underlying: error)
        }
        return DemoServer(
            host: configuration.host, port: listener.localAddress?.port ?? configuration.port,
            state: state, group: group, listener: listener)
    }

    /// Stops listening, closes every connection and ends the event loop threads. Calling it again, even
    /// concurrently, waits for the same shutdown.
    public func shutdown() async throws {
        let task = shutdownTask.withLock { existing in
            if let existing { return existing }
            let started = Task { [listener, group] in
                // Stop accepting first, then close the connections with the threads; the threads go whatever
                // closing the listener reports, or they would outlive the server.
                var listenerError: (any Error)?
                do {
                    try await listener.close()
                } catch {
                    listenerError = error
                }
                try await group.shutdownGracefully()
                if let listenerError, listenerError as? ChannelError != .alreadyClosed { throw listenerError }
            }
            existing = started
            return started
        }
        try await task.value
    }

    deinit {
        // A server dropped without `shutdown()` would otherwise keep its threads for the life of the process.
        if shutdownTask.withLock({ $0 == nil }) {
            group.shutdownGracefully { _ in }
        }
    }

    private static func bootstrap(group: MultiThreadedEventLoopGroup, state: DemoServiceState) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: false)
                    try channel.pipeline.syncOperations.addHandler(ProtocolErrorResponder())
                    try channel.pipeline.syncOperations.addHandler(DemoHTTPHandler(state: state))
                }
            }
    }
}
