import NIOCore
import Synchronization

/// What every connection of one server shares: its identity, its faults, its signals and orders, and its
/// response count. Everything here is immutable, atomic or behind a short lock, so connections on different
/// event loops hardly wait on each other.
final class DemoServiceState: Sendable {
    let version: String
    let start: NIODeadline
    let faults: InjectedFaults
    let signals: SignalLedger
    let orders: OrderLedger
    let metrics = DemoMetrics()
    /// Whether `PUT /control/error-rate` may change the injected error rate.
    let acceptsControl: Bool
    /// See `DemoTargetConfiguration.headTimeout`.
    let headTimeout: TimeAmount
    /// The body of `GET /api/signals`: it lists fixed signals, so it is written once.
    let signalList: ByteBuffer
    private let responses = Atomic<Int>(0)

    init(configuration: DemoTargetConfiguration, start: NIODeadline) {
        version = configuration.version
        self.start = start
        faults = InjectedFaults(configuration, start: start)
        acceptsControl = configuration.acceptsControl
        headTimeout = .nanoseconds(Int64(configuration.headTimeout.components.seconds) * 1_000_000_000
                                   + configuration.headTimeout.components.attoseconds / 1_000_000_000)
        signals = SignalLedger(capacity: configuration.signalCapacity, startMillis: UnixClock.milliseconds())
        orders = OrderLedger(capacity: configuration.orderCapacity, fillAfter: configuration.fillAfter)
        signalList = ResponseBodies.signalList(signals.listed)
    }

    /// The number of responses written so far, complete or cut short.
    var responsesWritten: Int { responses.load(ordering: .relaxed) }

    func countResponse() {
        responses.wrappingAdd(1, ordering: .relaxed)
    }
}
