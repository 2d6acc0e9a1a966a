import NIOCore
import Synchronization

/// What every connection of one server shares: its identity, its faults, its orders and its response count.
/// Everything here is immutable or atomic, so connections on different event loops never wait on each other.
final class DemoServiceState: Sendable {
    let version: String
    let start: NIODeadline
    let faults: InjectedFaults
    let orders = OrderLedger()
    private let responses = Atomic<Int>(0)

    init(configuration: DemoTargetConfiguration, start: NIODeadline) {
        version = configuration.version
        self.start = start
        faults = InjectedFaults(configuration, start: start)
    }

    /// The number of responses written so far, complete or cut short.
    var responsesWritten: Int { responses.load(ordering: .relaxed) }

    func countResponse() {
        responses.wrappingAdd(1, ordering: .relaxed)
    }
}
