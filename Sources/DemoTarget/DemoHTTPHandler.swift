import Units
import NIOCore
import NIOHTTP1

/// Serves one connection: reads a request (keeping its body only for the endpoints that read one), plans the
/// response and writes it when it is due. Requests come one at a time, in order: `HTTPServerPipelineHandler`
/// holds pipelined requests back until the previous response has ended, so a delayed response never lets a
/// later one overtake it.
final class DemoHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// How much of the body a `?close=mid` response sends before closing.
    static let bytesBeforeMidResponseClose = 10
    /// The least body length a `?close=mid` response announces, so clients see a large shortfall.
    static let announcedLengthBeforeMidResponseClose = 1_000

    private let state: DemoServiceState
    private let planner: ResponsePlanner
    private var random = SplitMix64(seed: .random(in: .min ... .max))
    private var request: IncomingRequest?
    private var pendingResponse: Scheduled<Void>?
    private var requestCounters: RequestCounters
    /// Since when the connection has waited for a request head; nil while a request is under way.
    private var waitingForHeadSince: NIODeadline?
    /// Closes the connection when it waited `state.headTimeout` for a head. One timer, re-armed
    /// when it finds the wait younger than that: a timer scheduled and cancelled per request cost
    /// about 6% of the server's CPU in bench/flow-steps.
    private var headTimer: Scheduled<Void>?

    init(state: DemoServiceState) {
        self.state = state
        planner = ResponsePlanner(state: state)
        requestCounters = RequestCounters(metrics: state.metrics)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            waitingForHeadSince = nil
            let incoming = IncomingRequest(head: head)
            guard !incoming.isRefusedFromHead else {
                refuseAnnouncedBody(of: incoming, context: context)
                return
            }
            request = incoming
            if Self.expectsContinue(head) {
                let goAhead = HTTPResponseHead(version: head.version, status: .continue)
                context.writeAndFlush(wrapOutboundOut(.head(goAhead)), promise: nil)
            }
        case .body(let chunk):
            request?.receive(chunk)
        case .end:
            guard let received = request else { return }
            request = nil
            respond(to: received, context: context)
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        awaitHead(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        headTimer?.cancel()
        pendingResponse?.cancel()
        pendingResponse = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func respond(to request: IncomingRequest, context: ChannelHandlerContext) {
        let arrival = NIODeadline.now()
        let response = planner.plan(request, arrival: arrival, using: &random)
        let head = request.head
        let metricPath = request.routing.metricPath
        guard let release = response.release else {
            record(response, path: metricPath, arrival: arrival)
            write(response, to: head, context: context)
            return
        }
        pendingResponse = context.eventLoop.assumeIsolated().scheduleTask(deadline: release) {
            self.pendingResponse = nil
            self.record(response, path: metricPath, arrival: arrival)
            self.write(response, to: head, context: context)
        }
    }

    /// Counts a response in the metrics as it is about to be written, so a client that reads `/metrics` after
    /// its answer always finds it counted; `path` nil (a scrape of `/metrics`) is not counted.
    private func record(_ response: PlannedResponse, path: MetricPath?, arrival: NIODeadline) {
        guard let path else { return }
        requestCounters.count(path: path, status: response.status.code)
        state.metrics.requestDuration.recordNanoseconds((NIODeadline.now() - arrival).nanoseconds)
    }

    private func write(_ response: PlannedResponse, to request: HTTPRequestHead, context: ChannelHandlerContext) {
        state.countResponse()
        if response.closesMidResponse {
            writeTruncated(response, to: request, context: context)
            return
        }
        let keepAlive = request.isKeepAlive
        let head = responseHead(response, to: request, contentLength: response.body.readableBytes, keepAlive: keepAlive)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if request.method != .HEAD, response.body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        }
        endResponse(keepAlive: keepAlive, context: context)
    }

    /// Ends the response; then waits for the next request head, or closes.
    private func endResponse(keepAlive: Bool, context: ChannelHandlerContext) {
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            awaitHead(context: context)
        } else {
            closeAfter(context.writeAndFlush(wrapOutboundOut(.end(nil))), context: context)
        }
    }

    /// Starts the time the next request head has to arrive in.
    private func awaitHead(context: ChannelHandlerContext) {
        let now = NIODeadline.now()
        waitingForHeadSince = now
        if headTimer == nil { armHeadTimer(at: now + state.headTimeout, context: context) }
    }

    private func armHeadTimer(at deadline: NIODeadline, context: ChannelHandlerContext) {
        headTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            headTimer = nil
            // A request under way: the wait after its response arms the timer again.
            guard let since = waitingForHeadSince else { return }
            let due = since + state.headTimeout
            if NIODeadline.now() >= due { context.close(promise: nil) } else { armHeadTimer(at: due, context: context) }
        }
    }

    /// Answers 413 from the head alone, without waiting for the body. A body up to `largestDrainedBody` is
    /// then read and dropped as it comes (`request` stays nil), keeping the connection; a larger one is not
    /// worth reading, and the connection is closed.
    private func refuseAnnouncedBody(of request: IncomingRequest, context: ChannelHandlerContext) {
        let response = PlannedResponse.rejecting(.tooLarge(limit: IncomingRequest.largestBody))
        record(response, path: request.routing.metricPath, arrival: .now())
        state.countResponse()
        let keepAlive = request.head.isKeepAlive && request.announcedBodyBytes <= IncomingRequest.largestDrainedBody
        let responseHead = responseHead(response, to: request.head, contentLength: response.body.readableBytes, keepAlive: keepAlive)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        endResponse(keepAlive: keepAlive, context: context)
    }

    /// Announces the whole body, sends its first bytes and closes: a server dying mid-response.
    private func writeTruncated(
        _ response: PlannedResponse, to request: HTTPRequestHead, context: ChannelHandlerContext
    ) {
        let announced = max(response.body.readableBytes, Self.announcedLengthBeforeMidResponseClose)
        let head = responseHead(response, to: request, contentLength: announced, keepAlive: false)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var body = response.body
        let sent = body.readSlice(length: min(Self.bytesBeforeMidResponseClose, body.readableBytes)) ?? body
        closeAfter(context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(sent)))), context: context)
    }

    private func responseHead(
        _ response: PlannedResponse, to request: HTTPRequestHead, contentLength: Int, keepAlive: Bool
    ) -> HTTPResponseHead {
        var headers = HTTPHeaders()
        headers.reserveCapacity(4)
        headers.add(name: "content-type", value: response.contentType)
        headers.add(name: "content-length", value: String(contentLength))
        if let allow = response.allow {
            headers.add(name: "allow", value: allow)
        }
        if let location = response.location {
            headers.add(name: "location", value: location)
        }
        if !keepAlive {
            headers.add(name: "connection", value: "close")
        } else if request.version == .http1_0 {
            headers.add(name: "connection", value: "keep-alive")
        }
        return HTTPResponseHead(version: request.version, status: response.status, headers: headers)
    }

    private func closeAfter(_ write: EventLoopFuture<Void>, context: ChannelHandlerContext) {
        write.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    /// Clients such as curl send `Expect: 100-continue` before a large body and wait a second for this go-ahead.
    private static func expectsContinue(_ head: HTTPRequestHead) -> Bool {
        head.version == .http1_1
            && head.headers["expect"].contains { $0.lowercased() == "100-continue" }
    }
}
