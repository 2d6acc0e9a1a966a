@testable import LoadEngine
import Testing
import TestSupport

/// When an open-model thread sleeps through responses until its next arrival, and that the
/// responses it slept through are all read.
@Suite(.timeLimit(.minutes(1)))
struct ResponseBatchingTests {
    @Test func responsesWaitForAnArrivalDueWithinTheSlack() {
        #expect(ResponseBatching.responsesMayWait(nextArrivalIn: 150_000, timerSlack: 178_000, idleSlots: 40, slots: 64))
        #expect(ResponseBatching.responsesMayWait(nextArrivalIn: 178_000, timerSlack: 178_000, idleSlots: 32, slots: 64))
    }

    @Test func anArrivalBeyondTheSlackLetsResponsesWakeTheThread() {
        #expect(!ResponseBatching.responsesMayWait(nextArrivalIn: 178_001, timerSlack: 178_000, idleSlots: 64, slots: 64))
    }

    /// Up to 5,000 arrivals/s per thread the slack is 1 µs: every response wakes the thread.
    @Test func atModestRatesResponsesNeverWait() {
        let slack = PromptWakeUps.timerSlack(arrivalsPerSecond: 2_000)
        #expect(!ResponseBatching.responsesMayWait(nextArrivalIn: 10_000, timerSlack: Int64(slack), idleSlots: 8, slots: 8))
    }

    @Test func withMoreThanHalfTheConnectionsBusyResponsesWakeTheThread() {
        #expect(!ResponseBatching.responsesMayWait(nextArrivalIn: 20_000, timerSlack: 178_000, idleSlots: 31, slots: 64))
    }

    /// 20,000 arrivals/s on one thread: the slack is 150 µs and arrivals come every 50 µs, so
    /// waits sleep through responses while the server keeps up. Every response must still be
    /// read, none timing out for a readiness the sleep did not see. A server answering from a
    /// thread per connection: the demo target's debug build falls behind at this rate, and
    /// with most connections busy the thread would wake for every response.
    @Test func everyResponseSleptThroughIsRead() async throws {
        let server = try HostileServer([.send("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n")])
        defer { server.stop() }
        let result = try await runOpen(server.baseURL + "/", rate: 20_000, duration: .milliseconds(500), client: .native,
                                       connections: 32)
        #expect(result.sent == 10_000)
        #expect(result.responses == 10_000)
        #expect(result.statusCounts[200] == 10_000)
        #expect(result.dropped == 0)
        #expect(result.unfinished == 0)
        #expect(result.outcome == .completed)
    }
}
