import Foundation
import Synchronization
import Testing
@testable import Transports

/// When a native transport's wait polls before it sleeps.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct PollingPolicyTests {
    /// More busy threads than cores: the thread asking spends most of its time waiting for one.
    @Test func aThreadWaitingForACoreDoesNotPoll() {
        let stop = Atomic<Bool>(false)
        let spinners = (0...ProcessInfo.processInfo.activeProcessorCount).map { _ in
            Thread { while !stop.load(ordering: .relaxed) {} }
        }
        spinners.forEach { $0.start() }
        defer { stop.store(true, ordering: .relaxed) }
        var policy = PollingPolicy()
        _ = policy.budget(at: MonotonicClock.now())
        let end = MonotonicClock.now() + 100_000_000
        var budgets: [Int64] = []
        while MonotonicClock.now() < end {
            budgets.append(policy.budget(at: MonotonicClock.now()))
        }
        #expect(budgets.suffix(1_000).allSatisfy { $0 == 0 }, "polled while contended")
    }
}
