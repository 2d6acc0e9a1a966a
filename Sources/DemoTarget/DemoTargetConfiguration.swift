/// How a `DemoServer` listens, which faults it injects into every routed response, and how its trading
/// service keeps orders and signals.
public struct DemoTargetConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 asks the system for a free one.
    public var port: Int
    /// The version of the service under test, reported by `GET /healthz`.
    public var version: String
    /// A delay added to every routed response.
    public var latency: Duration
    /// The upper bound of a uniformly random extra delay added to every routed response.
    public var jitter: Duration
    /// The probability, in 0...1, that a routed request is answered with an injected 500.
    public var errorRate: Double
    /// The period of stalls, counted from server start; `nil` means the server never stalls.
    public var stallEvery: Duration?
    /// How long each stall holds responses.
    public var stallFor: Duration
    /// The number of event loop threads serving connections.
    public var eventLoopThreads: Int
    /// How long a placed order stays `new` before it is `filled`; zero fills it as it is placed.
    public var fillAfter: Duration
    /// The most orders kept: past it, each new order evicts the oldest, so memory stays flat in long runs.
    public var orderCapacity: Int
    /// The most created signals kept, beyond the fixed ones `GET /api/signals` lists; the oldest go first.
    public var signalCapacity: Int
    /// Whether `PUT /control/error-rate` (body `0.5` or `50%`) changes the injected error rate while the server
    /// runs, for a process that cannot call `DemoServer.setErrorRate`; off, the path is a 404 like any other.
    public var acceptsControl: Bool
    /// How long a connection may take to send a request head, counted from when it opens or its previous
    /// response was written: a connection that sends nothing, or a head byte by byte (slowloris), is closed
    /// then, so idle and stuck connections cannot pile up.
    public var headTimeout: Duration

    /// Creates a configuration; the defaults serve on 127.0.0.1:8083 without injected faults, fill orders
    /// 20 ms after they are placed and keep the latest million orders and signals.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8083,
        version: String = "dev",
        latency: Duration = .zero,
        jitter: Duration = .zero,
        errorRate: Double = 0,
        stallEvery: Duration? = nil,
        stallFor: Duration = .zero,
        eventLoopThreads: Int = 1,
        fillAfter: Duration = .milliseconds(20),
        orderCapacity: Int = 1_000_000,
        signalCapacity: Int = 1_000_000,
        acceptsControl: Bool = false,
        headTimeout: Duration = .seconds(10)
    ) {
        self.headTimeout = headTimeout
        self.host = host
        self.port = port
        self.version = version
        self.latency = latency
        self.jitter = jitter
        self.errorRate = errorRate
        self.stallEvery = stallEvery
        self.stallFor = stallFor
        self.eventLoopThreads = eventLoopThreads
        self.fillAfter = fillAfter
        self.orderCapacity = orderCapacity
        self.signalCapacity = signalCapacity
        self.acceptsControl = acceptsControl
    }
}

extension DemoTargetConfiguration {
    /// Rejects values the server cannot honour, before any thread or socket is created.
    func validate() throws(DemoTargetError) {
        try require((0...65_535).contains(port), "port", port, "must be in 0...65535")
        try require(latency >= .zero, "latency", latency, "must not be negative")
        try require(jitter >= .zero, "jitter", jitter, "must not be negative")
        try Self.validate(errorRate: errorRate)
        try require(eventLoopThreads >= 1, "eventLoopThreads", eventLoopThreads, "must be at least 1")
        try require(fillAfter >= .zero, "fillAfter", fillAfter, "must not be negative")
        try require(orderCapacity >= 1, "orderCapacity", orderCapacity, "must be at least 1")
        try require(signalCapacity >= 1, "signalCapacity", signalCapacity, "must be at least 1")
        try validateStalls()
    }

    /// Rejects an error rate that is not a probability.
    static func validate(slowdown: Double) throws(DemoTargetError) {
        guard slowdown.isFinite && (0...1_000).contains(slowdown) else {
            throw .invalidConfiguration(setting: "slowdown", value: slowdown.description, requirement: "must be in 0...1000")
        }
    }

    static func validate(errorRate: Double) throws(DemoTargetError) {
        guard errorRate.isFinite && (0...1).contains(errorRate) else {
            throw .invalidConfiguration(setting: "errorRate", value: errorRate.description, requirement: "must be in 0...1")
        }
    }

    private func validateStalls() throws(DemoTargetError) {
        try require(stallFor >= .zero, "stallFor", stallFor, "must not be negative")
        guard let stallEvery else { return }
        try require(stallEvery > .zero, "stallEvery", stallEvery, "must be positive")
        // A stall as long as its period would never end, and the server would never answer.
        try require(stallFor < stallEvery, "stallFor", stallFor, "must be shorter than stallEvery (\(stallEvery))")
    }

    private func require(
        _ holds: Bool, _ setting: String, _ value: some CustomStringConvertible, _ requirement: String
    ) throws(DemoTargetError) {
        guard holds else {
            throw .invalidConfiguration(setting: setting, value: value.description, requirement: requirement)
        }
    }
}
