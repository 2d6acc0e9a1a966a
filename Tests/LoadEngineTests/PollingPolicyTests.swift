import Foundation
import Synchronization
import Testing
@testable import Transports

/// When a native transport's wait polls before it sleeps: its decisions on given run-queue
/// delays, and on the thread's own while other threads hold every core.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct PollingPolicyTests {
    private static let window: Int64 = 20_000_000

    /// A policy reading the run-queue delays `readings` (nanoseconds), one per window, the last
    /// one again once they run out.
    private static func policy(readings: [Int64], longestPoll: Int64 = PollingPolicy.longestPoll) -> PollingPolicy {
        var remaining = readings[...]
        return PollingPolicy(longestPoll: longestPoll) { remaining.count > 1 ? remaining.removeFirst() : remaining.first! }
    }

    @Test func anUncontendedThreadPollsForFiftyMicroseconds() {
        var policy = Self.policy(readings: [0])
        for wait in 0..<100 { #expect(policy.budget(at: Int64(wait) * 1_000_000) == 50_000, "wait \(wait)") }
    }

    @Test func aPollThatCaughtNothingIsFollowedByEightWaitsThatSleepAtOnce() {
        var policy = Self.policy(readings: [0])
        #expect(policy.budget(at: 0) == 50_000)
        policy.missed()
        let budgets = (1...9).map { policy.budget(at: Int64($0) * 100_000) }
        #expect(budgets == Array(repeating: 0, count: 8) + [50_000])
    }

    @Test func aWindowSpentOverFivePercentWaitingForACoreStopsPollingUntilAWindowIsNot() {
        // Delay in each window: none, 1.1 ms of 20 (5.5%), 0.9 ms (4.5%).
        var policy = Self.policy(readings: [0, 0, 1_100_000, 2_000_000])
        #expect(policy.budget(at: 0) == 50_000, "the first reading judges nothing")
        #expect(policy.budget(at: Self.window) == 50_000)
        #expect(policy.budget(at: 2 * Self.window) == 0)
        #expect(policy.budget(at: 2 * Self.window + 10_000_000) == 0, "the verdict holds for the window")
        #expect(policy.budget(at: 3 * Self.window) == 50_000)
    }

    @Test func withoutTheKernelsFigureTheThreadNeverCountsAsContended() {
        var policy = Self.policy(readings: [-1])
        for window in 0..<5 { #expect(policy.budget(at: Int64(window) * Self.window) == 50_000) }
    }

    @Test func aPolicyWithNoPollNeverPolls() {
        var policy = Self.policy(readings: [0], longestPoll: 0)
        for window in 0..<5 { #expect(policy.budget(at: Int64(window) * Self.window) == 0) }
    }

    @Test(arguments: [("off", true), ("OFF", true), ("0", true), ("no", true), ("False", true),
                      ("on", false), ("", false), ("50", false), ("of", false)])
    func perfkitPollTurnsPollingOffForItsOffValuesOnly(value: String, turnsOff: Bool) {
        #expect(value.withCString { PollingPolicy.pollingTurnedOff($0) } == turnsOff)
    }

    @Test func anUnsetPerfkitPollLeavesPollingOn() {
        #expect(!PollingPolicy.pollingTurnedOff(nil))
    }

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
