/// How a `DemoServer` listens and which faults it injects into every routed response.
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

    /// Creates a configuration; the defaults serve on 127.0.0.1:8083 without injected faults.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8083,
        version: String = "dev",
        latency: Duration = .zero,
        jitter: Duration = .zero,
        errorRate: Double = 0,
        stallEvery: Duration? = nil,
        stallFor: Duration = .zero,
        eventLoopThreads: Int = 1
    ) {
        self.host = host
        self.port = port
        self.version = version
        self.latency = latency
        self.jitter = jitter
        self.errorRate = errorRate
        self.stallEvery = stallEvery
        self.stallFor = stallFor
        self.eventLoopThreads = eventLoopThreads
    }
}

extension DemoTargetConfiguration {
    /// Rejects values the server cannot honour, before any thread or socket is created.
    func validate() throws(DemoTargetError) {
        guard (0...65_535).contains(port) else {
            throw .invalidConfiguration(setting: "port", value: "\(port)", requirement: "must be in 0...65535")
        }
        guard latency >= .zero else {
            throw .invalidConfiguration(setting: "latency", value: "\(latency)", requirement: "must not be negative")
        }
        guard jitter >= .zero else {
            throw .invalidConfiguration(setting: "jitter", value: "\(jitter)", requirement: "must not be negative")
        }
        guard errorRate.isFinite, (0...1).contains(errorRate) else {
            throw .invalidConfiguration(setting: "errorRate", value: "\(errorRate)", requirement: "must be in 0...1")
        }
        guard eventLoopThreads >= 1 else {
            throw .invalidConfiguration(
                setting: "eventLoopThreads", value: "\(eventLoopThreads)", requirement: "must be at least 1")
        }
        try validateStalls()
    }

    private func validateStalls() throws(DemoTargetError) {
        guard stallFor >= .zero else {
            throw .invalidConfiguration(setting: "stallFor", value: "\(stallFor)", requirement: "must not be negative")
        }
        guard let stallEvery else { return }
        guard stallEvery > .zero else {
            throw .invalidConfiguration(setting: "stallEvery", value: "\(stallEvery)", requirement: "must be positive")
        }
        // A stall as long as its period would never end, and the server would never answer.
        guard stallFor < stallEvery else {
            throw .invalidConfiguration(
                setting: "stallFor", value: "\(stallFor)",
                requirement: "must be shorter than stallEvery (\(stallEvery))")
        }
    }
}
