import NIOCore

/// The server-wide faults from the configuration: a fixed latency, random jitter, random failures and stalls.
struct InjectedFaults: Sendable {
    let latency: TimeAmount
    let jitter: TimeAmount
    let errorRate: Double
    let stalls: StallSchedule?
    /// The instant stall windows are counted from.
    let start: NIODeadline

    init(_ configuration: DemoTargetConfiguration, start: NIODeadline) {
        latency = TimeAmount(configuration.latency)
        jitter = TimeAmount(configuration.jitter)
        errorRate = configuration.errorRate
        self.start = start
        if let every = configuration.stallEvery, configuration.stallFor > .zero {
            stalls = StallSchedule(every: every, lasting: configuration.stallFor)
        } else {
            stalls = nil
        }
    }

    /// When a response to a request that arrived at `arrival`, asking for `requestedDelay`, may be written.
    func releaseTime(
        arrival: NIODeadline, requestedDelay: TimeAmount, using random: inout some RandomNumberGenerator
    ) -> NIODeadline {
        var due = arrival + latency + requestedDelay
        if jitter.nanoseconds > 0 {
            due = due + .nanoseconds(Int64.random(in: 0...jitter.nanoseconds, using: &random))
        }
        guard let stalls else { return due }
        return start + TimeAmount(stalls.release(.nanoseconds((due - start).nanoseconds)))
    }

    /// Whether this request is answered with an injected failure.
    func failsRequest(using random: inout some RandomNumberGenerator) -> Bool {
        errorRate > 0 && Double.random(in: 0..<1, using: &random) < errorRate
    }
}
