import NIOCore
import NIOHTTP1

/// A request as it arrives: routed as soon as its head is in, so that only the endpoints that read a body
/// keep one, and only up to `largestBody`; the decoder frames the rest, so dropping it keeps the connection
/// usable.
struct IncomingRequest {
    /// The most body bytes an endpoint reads; a longer body is answered with 413.
    static let largestBody = 1 << 20

    let head: HTTPRequestHead
    let path: Substring
    let query: Substring?
    let routing: RoutingOutcome
    /// The body received so far; empty for endpoints that read none.
    private(set) var body = ByteBuffer()
    /// Whether the body outgrew `largestBody`; what came of it was dropped.
    private(set) var bodyTooLarge = false

    init(head: HTTPRequestHead) {
        self.head = head
        (path, query) = Self.split(uri: head.uri)
        routing = DemoRouter.route(method: head.method, path: path)
    }

    /// The most body bytes read and dropped after a 413 to keep the connection; past this it is closed.
    static let largestDrainedBody = 8 << 20

    /// The body length the head announces (0 when it announces none).
    var announcedBodyBytes: Int { head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0 }

    /// Whether the head alone is answered 413, without waiting for the body: it announces a body over
    /// `largestBody` to an endpoint that reads one, or one over `largestDrainedBody` to any.
    var isRefusedFromHead: Bool {
        let announced = announcedBodyBytes
        guard case .route(let route) = routing, route.readsBody else { return announced > Self.largestDrainedBody }
        return announced > Self.largestBody
    }

    /// Adds a chunk of the body, which may come in several.
    mutating func receive(_ chunk: ByteBuffer) {
        guard case .route(let route) = routing, route.readsBody, !bodyTooLarge else { return }
        guard body.readableBytes + chunk.readableBytes <= Self.largestBody else {
            bodyTooLarge = true
            body = ByteBuffer()
            return
        }
        if body.readableBytes == 0 {
            body = chunk
        } else {
            body.writeImmutableBuffer(chunk)
        }
    }

    /// The path and, when there is one, the query of a request target.
    static func split(uri: String) -> (path: Substring, query: Substring?) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri[...], nil) }
        return (uri[..<mark], uri[uri.index(after: mark)...])
    }
}
