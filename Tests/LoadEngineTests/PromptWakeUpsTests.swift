import Foundation
import Glibc
import Synchronization
@testable import LoadEngine
import Testing

/// What a sending thread asks of the scheduler: a short slice, and a timer slack that keeps
/// sends on time at modest rates and lets wake-ups coalesce at high ones.
@Suite(.timeLimit(.minutes(1)))
struct PromptWakeUpsTests {
    @Test func slackIsOneMicrosecondUpToFiveThousandArrivalsPerSecond() {
        for rate in [0.0, 1, 2_000, 5_000] {
            #expect(PromptWakeUps.timerSlack(arrivalsPerSecond: rate) == 1_000, "at \(rate)/s")
        }
    }

    @Test func slackGrowsWithTheRateTowardsTwoHundredMicroseconds() {
        #expect(PromptWakeUps.timerSlack(arrivalsPerSecond: 10_000) == 100_000)
        #expect(PromptWakeUps.timerSlack(arrivalsPerSecond: 25_000) == 160_000)
        #expect(PromptWakeUps.timerSlack(arrivalsPerSecond: 1_000_000) == 199_000)
    }

    /// Custom slices came with Linux 6.12; older kernels ignore the request.
    @Test(.enabled(if: Self.kernelAtLeast(6, 12)))
    func theCallingThreadGetsAHundredMicrosecondSlice() throws {
        let slice = Mutex<Int?>(nil)
        let thread = Thread {
            PromptWakeUps.requestForCurrentThread(arrivalsPerSecond: 2_000)
            slice.withLock { $0 = Self.currentThreadSlice() }
        }
        thread.start()
        while slice.withLock({ $0 }) == nil { usleep(1_000) }
        #expect(slice.withLock { $0 } == 100_000)
        #expect(Self.currentThreadSlice() != 100_000, "the test's own thread kept its slice")
    }

    /// `se.slice` from /proc/thread-self/sched, in nanoseconds.
    private static func currentThreadSlice() -> Int {
        let text = (try? String(contentsOfFile: "/proc/thread-self/sched", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("se.slice") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? -1
    }

    private static func kernelAtLeast(_ major: Int, _ minor: Int) -> Bool {
        var names = utsname()
        uname(&names)
        let release = withUnsafeBytes(of: &names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let parts = release.split(separator: ".").prefix(2).map { Int($0.prefix { $0.isNumber }) ?? 0 }
        return parts.count == 2 && (parts[0], parts[1]) >= (major, minor)
    }
}
