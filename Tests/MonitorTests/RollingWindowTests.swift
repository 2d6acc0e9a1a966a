import LoadEngine
import Monitor
import Testing

/// The probe's rolling window over synthetic seconds: no run, no sleeping.
@Suite struct RollingWindowTests {
    /// A second with `requests` completions at `latencyMicroseconds` each, `errors` of them 5xx.
    private func second(_ index: Int, requests: Int, errors: Int = 0, latencyMicroseconds: UInt64 = 1_000) -> IntervalReport {
        var latency = IntervalReport.makeHistogram()
        for _ in 0..<requests { latency.record(latencyMicroseconds) }
        return IntervalReport(stats: IntervalStats(second: index, requests: requests, errors: errors, serverErrors: errors),
                              latency: latency)
    }

    @Test func isJudgedOnlyOnceFull() {
        var window = RollingWindow(seconds: 3)
        window.append(second(0, requests: 5))
        window.append(second(1, requests: 5))
        #expect(!window.isFull)
        #expect(window.span == 0...1)
        window.append(second(2, requests: 5))
        #expect(window.isFull)
    }

    @Test func oldSecondsSlideOut() {
        var window = RollingWindow(seconds: 2)
        window.append(second(0, requests: 10, errors: 10))
        window.append(second(1, requests: 10))
        window.append(second(2, requests: 10))
        #expect(window.span == 1...2)
        #expect(window.summary.requests == 20)
        #expect(window.summary.value(of: .errorRate) == 0)
    }

    @Test func ratesAreOverTheWholeWindowNotAveragedPerSecond() {
        var window = RollingWindow(seconds: 2)
        window.append(second(0, requests: 90, errors: 0))
        window.append(second(1, requests: 10, errors: 10))
        // Per-second rates average to 50%; the window's share is 10 of 100.
        #expect(window.summary.value(of: .errorRate) == 0.1)
        #expect(window.summary.value(of: .status5xxRate) == 0.1)
    }

    @Test func errorsThatAreNot5xxCountInTheErrorRateOnly() {
        var window = RollingWindow(seconds: 1)
        window.append(IntervalReport(stats: IntervalStats(second: 0, requests: 4, errors: 2, serverErrors: 1),
                                     latency: IntervalReport.makeHistogram()))
        #expect(window.summary.value(of: .errorRate) == 0.5)
        #expect(window.summary.value(of: .status5xxRate) == 0.25)
    }

    @Test func latencyPercentilesMergeTheSecondsHistograms() throws {
        var window = RollingWindow(seconds: 2)
        window.append(second(0, requests: 96, latencyMicroseconds: 1_000))
        window.append(second(1, requests: 4, latencyMicroseconds: 900_000))
        let summary = window.summary
        let p50 = try #require(summary.value(of: .latency(.percentile(.p50))))
        let p99 = try #require(summary.value(of: .latency(.percentile(.p99))))
        let max = try #require(summary.value(of: .latency(.max)))
        #expect(abs(p50 - 0.001) < 0.001 * 0.01)
        #expect(abs(p99 - 0.9) < 0.9 * 0.01)
        #expect(abs(max - 0.9) < 0.9 * 0.01)
    }

    @Test func anEmptyWindowHasNoData() {
        var window = RollingWindow(seconds: 2)
        window.append(second(0, requests: 0))
        window.append(second(1, requests: 0))
        #expect(window.summary.value(of: .errorRate) == nil)
        #expect(window.summary.value(of: .latency(.percentile(.p95))) == nil)
        #expect(window.summary.value(of: .query("errors")) == nil)
    }
}
