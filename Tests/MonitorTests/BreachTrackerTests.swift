import Monitor
import Testing

/// The `for:` state machine over synthetic evaluations, one a second.
@Suite struct BreachTrackerTests {
    @Test func withoutForTheFirstBreachFails() {
        var tracker = BreachTracker(sustain: .zero)
        #expect(tracker.update(breached: false, at: 1) == .holding)
        #expect(tracker.update(breached: true, at: 2) == .failed(since: 2))
    }

    @Test func aBreachMustLastTheWholeForDuration() {
        var tracker = BreachTracker(sustain: .seconds(2))
        #expect(tracker.update(breached: true, at: 5) == .pending(since: 5))
        #expect(tracker.update(breached: true, at: 6) == .pending(since: 5))
        #expect(tracker.update(breached: true, at: 7) == .failed(since: 5))
    }

    @Test func aHoldingEvaluationStartsTheCountAgain() {
        var tracker = BreachTracker(sustain: .seconds(2))
        _ = tracker.update(breached: true, at: 1)
        _ = tracker.update(breached: true, at: 2)
        #expect(tracker.update(breached: false, at: 3) == .holding)
        #expect(tracker.update(breached: true, at: 4) == .pending(since: 4))
        #expect(tracker.update(breached: true, at: 5) == .pending(since: 4))
        #expect(tracker.update(breached: true, at: 6) == .failed(since: 4))
    }

    @Test func noDataIsNotABreachAndResetsIt() {
        var tracker = BreachTracker(sustain: .seconds(1))
        _ = tracker.update(breached: true, at: 1)
        #expect(tracker.update(breached: nil, at: 2) == .noData)
        #expect(tracker.breachedSince == nil)
        #expect(tracker.update(breached: true, at: 3) == .pending(since: 3))
    }

    @Test func aFractionalForFailsAtTheFirstEvaluationPastIt() {
        var tracker = BreachTracker(sustain: .milliseconds(1500))
        #expect(tracker.update(breached: true, at: 1) == .pending(since: 1))
        #expect(tracker.update(breached: true, at: 2) == .pending(since: 1))
        #expect(tracker.update(breached: true, at: 3) == .failed(since: 1))
    }

    @Test(arguments: [BreachState.pending(since: 1), .failed(since: 1)])
    func pendingAndFailedAreBreached(state: BreachState) {
        #expect(state.isBreached)
    }

    @Test func holdingAndNoDataAreNot() {
        #expect(!BreachState.holding.isBreached)
        #expect(!BreachState.noData.isBreached)
    }
}
