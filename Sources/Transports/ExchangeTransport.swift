/// Sends requests for tasks that await each response before deciding the next request (the
/// virtual users of a scenario, a monitor's probes): libcurl's (`AsyncTransport`) or
/// perfkit's own HTTP/1.1 client (`NativeExchangeTransport`).
public protocol ExchangeTransport: Sendable {
    /// Sends `request` and returns what came back; the header fields and body are kept when
    /// `parts` names them (a transport may keep them anyway). Never throws: a transport failure is an exchange that
    /// ended in `.failed`, a request cut short by `close(abandoning: true)` one that ended in
    /// `.abandoned`.
    func send(_ request: RequestSpec, keeping parts: ResponseParts) async -> HTTPExchange
    /// Ends the transport's threads: once their requests are answered, or at once with
    /// `abandoning` (requests in flight end as abandoned). Returns when every thread has ended.
    func close(abandoning: Bool) async
    /// Requests in flight at once cut short, for a second Ctrl-C: same as `close(abandoning: true)`
    /// but without waiting.
    func abandonInFlight()
    /// Executors that tasks sending through the transport should prefer (`Task(executorPreference:)`),
    /// spread over them: the transport's own threads, where a response resumes its task without
    /// waking another thread. Empty when tasks are best left on the global pool.
    var taskExecutors: [any TaskExecutor] { get }
}

extension ExchangeTransport {
    /// Sends `request`, keeping the response's header fields and body.
    public func send(_ request: RequestSpec) async -> HTTPExchange { await send(request, keeping: .all) }

    /// Ends the transport's threads once their requests are answered.
    public func close() async { await close(abandoning: false) }
}

/// The parts of a response a caller reads: a scenario step keeps only what its checks and
/// captures need, since every field or body kept costs allocations on every response.
public struct ResponseParts: OptionSet, Sendable {
    public let rawValue: UInt8

    /// The parts in `rawValue`'s bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The header fields, for `HTTPExchange.header(_:)`.
    public static let headers = ResponseParts(rawValue: 1)
    /// The body, up to `HTTPExchange.maxKeptBodyBytes`.
    public static let body = ResponseParts(rawValue: 2)
    /// Header fields and body.
    public static let all: ResponseParts = [.headers, .body]
}
