import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP server that answers `GET /metrics` with a run's live metrics for Prometheus to
/// scrape, bound only to the address given, on one event loop thread of its own. It serves until
/// `close()`, which the command calls when its run ends.
public final class MetricsListener: Sendable {
    /// The address it listens on; the port is the one bound when 0 was asked for.
    public let address: ListenAddress
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let closed = Mutex(false)

    private init(address: ListenAddress, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.address = address
        self.group = group
        self.channel = channel
    }

    /// Starts listening on `address`; `metrics` gives the body of each scrape.
    public static func start(on address: ListenAddress, metrics: LiveRunMetrics) async throws(MetricsListenerError) -> MetricsListener {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(metrics: metrics))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: address.host, port: address.port).get()
            let bound = ListenAddress(host: address.host, port: channel.localAddress?.port ?? address.port)
            return MetricsListener(address: bound, group: group, channel: channel)
        } catch {
            try? await group.shutdownGracefully()
            throw MetricsListenerError(address: address, underlying: String(describing: error))
        }
    }

    /// Stops listening and ends the thread; later calls do nothing.
    public func close() async {
        let isFirstClose = closed.withLock { wasClosed in
            if wasClosed { return false }
            wasClosed = true
            return true
        }
        guard isFirstClose else { return }
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

/// Why `--metrics-listen` could not listen.
public struct MetricsListenerError: Error, Sendable, CustomStringConvertible {
    /// The address asked for.
    public let address: ListenAddress
    /// The system's explanation.
    public let underlying: String

    /// A sentence naming the address and the reason.
    public var description: String { "--metrics-listen \(address): cannot listen (\(underlying))" }
}

/// Answers `GET /metrics` (and `HEAD`); anything else is a 404 or 405.
private final class MetricsHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let metrics: LiveRunMetrics
    private var head: HTTPRequestHead?

    init(metrics: LiveRunMetrics) { self.metrics = metrics }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to request: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = request.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.uri
        let status: HTTPResponseStatus
        var body = context.channel.allocator.buffer(capacity: 0)
        var headers = HTTPHeaders()
        switch (path, request.method) {
        case ("/metrics", .GET), ("/metrics", .HEAD):
            status = .ok
            body.writeBytes(metrics.exposition())
            headers.add(name: "content-type", value: "text/plain; version=0.0.4; charset=utf-8")
        case ("/metrics", _):
            status = .methodNotAllowed
            headers.add(name: "allow", value: "GET, HEAD")
        default:
            status = .notFound
            body.writeString("perfkit serves its live metrics at /metrics\n")
            headers.add(name: "content-type", value: "text/plain; charset=utf-8")
        }
        headers.add(name: "content-length", value: String(body.readableBytes))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        if request.method != .HEAD, body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        let keepAlive = request.isKeepAlive
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            if !keepAlive { context.close(promise: nil) }
        }
    }
}
