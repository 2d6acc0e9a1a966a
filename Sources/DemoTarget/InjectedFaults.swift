import NIOCore
import Synchronization

/// The server-wide faults from the configuration: a fixed latency, random jitter, random failures and stalls.
/// The error rate and a slowdown of the latency can change while the server runs (`DemoServer.setErrorRate`,
/// `setSlowdown`), so a fault can start mid-run; reading each is one relaxed atomic load per request.
struct InjectedFaults: Sendable {
    let latency: TimeAmount
    let jitter: TimeAmount
    let stalls: StallSchedule?
    /// The instant stall windows are counted from.
    let start: NIODeadline
    private let errorRateBits: AdjustableRate
    private let slowdownBits = AdjustableRate(1)

    init(_ configuration: DemoTargetConfiguration, start: NIODeadline) {
        latency = TimeAmount(configuration.latency)
        jitter = TimeAmount(configuration.jitter)
        errorRateBits = AdjustableRate(configuration.errorRate)
        self.start = start
        if let every = configuration.stallEvery, configuration.stallFor > .zero {
            stalls = StallSchedule(every: every, lasting: configuration.stallFor)
        } else {
            stalls = nil
        }
    }

    /// The probability, in 0...1, that a routed request is answered with an injected 500.
    var errorRate: Double {
        get { errorRateBits.value }
        nonmutating set { errorRateBits.value = newValue }
    }

    /// What the configured latency and jitter are multiplied by: 1 as configured, 1.5 half as slow again.
    var slowdown: Double {
        get { slowdownBits.value }
        nonmutating set { slowdownBits.value = newValue }
    }

    /// When a response to a request that arrived at `arrival`, asking for `requestedDelay`, may be written.
    func releaseTime(
        arrival: NIODeadline, requestedDelay: TimeAmount, using random: inout some RandomNumberGenerator
    ) -> NIODeadline {
        let factor = slowdown
        var due = arrival + Self.scaled(latency, by: factor) + requestedDelay
        if jitter.nanoseconds > 0 {
            due = due + Self.scaled(.nanoseconds(Int64.random(in: 0...jitter.nanoseconds, using: &random)), by: factor)
        }
        guard let stalls else { return due }
        return start + TimeAmount(stalls.release(.nanoseconds((due - start).nanoseconds)))
    }

    private static func scaled(_ amount: TimeAmount, by factor: Double) -> TimeAmount {
        factor == 1 ? amount : .nanoseconds(Int64((Double(amount.nanoseconds) * factor).rounded()))
    }

    /// Whether this request is answered with an injected failure.
    func failsRequest(using random: inout some RandomNumberGenerator) -> Bool {
        let rate = errorRate
        return rate > 0 && Double.random(in: 0..<1, using: &random) < rate
    }
}

/// A number (a probability, a factor) shared by every event loop and changed from any thread: a `Double` kept as
/// its bit pattern.
private final class AdjustableRate: Sendable {
    private let bits: Atomic<UInt64>

    init(_ value: Double) { bits = Atomic(value.bitPattern) }

    var value: Double {
        get { Double(bitPattern: bits.load(ordering: .relaxed)) }
        set { bits.store(newValue.bitPattern, ordering: .relaxed) }
    }
}
