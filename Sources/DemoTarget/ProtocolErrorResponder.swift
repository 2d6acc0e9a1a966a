import NIOCore
import NIOHTTP1

/// Answers a request the HTTP decoder cannot parse, in place of NIO's `HTTPServerProtocolErrorHandler`
/// (which answers 400 to everything): 431 when the head is over the decoder's limit (80 KiB), 400 otherwise,
/// with `Connection: close`.
///
/// It then closes its side only and reads (and drops) what the client still sends for up to
/// `lingerTime`: closing a socket with unread bytes resets the connection, and the client would lose the
/// answer while it was still sending a 10 MB header.
final class ProtocolErrorResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// How long a refused client may go on sending before the connection is closed.
    static let lingerTime = TimeAmount.seconds(2)

    private var hasUnterminatedResponse = false
    private var refused = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // After the first parse error the decoder reports every later read as an error too: drop them.
        if refused { return }
        guard let parseError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        refused = true
        // A response already under way is left to end as it will; the connection closes after it.
        let ended: EventLoopFuture<Void>
        if hasUnterminatedResponse {
            ended = context.eventLoop.makeSucceededVoidFuture()
        } else {
            let status: HTTPResponseStatus = parseError == .headerOverflow ? .requestHeaderFieldsTooLarge : .badRequest
            let headers = HTTPHeaders([("Connection", "close"), ("Content-Length", "0")])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            ended = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        }
        ended.assumeIsolated().whenComplete { _ in context.close(mode: .output, promise: nil) }
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.lingerTime) { context.close(promise: nil) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.code >= 200: hasUnterminatedResponse = true
        case .end: hasUnterminatedResponse = false
        default: break
        }
        context.write(data, promise: promise)
    }
}
