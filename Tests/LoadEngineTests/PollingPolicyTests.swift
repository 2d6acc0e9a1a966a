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
        let start = MonotonicClock.now()
        _ = policy.budget(at: start)
        // After the first windows (the first judges nothing), most waits must sleep at once. Not
        // all: a 20 ms window in which the scheduler happened to leave the thread on its core
        // reads as uncontended. Without the contention check every one of them would poll.
        var judged = 0, polled = 0
        while MonotonicClock.now() < start + 200_000_000 {
            let now = MonotonicClock.now()
            let budget = policy.budget(at: now)
            guard now > start + 40_000_000 else { continue }
            judged += 1
            if budget > 0 { polled += 1 }
        }
        #expect(judged > 0)
        #expect(Double(polled) < 0.5 * Double(judged), "polled in \(polled) of \(judged) waits while contended")
    }
}
