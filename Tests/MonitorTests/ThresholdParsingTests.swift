import Monitor
import Testing

/// `--threshold` values as the runbook and people write them, and the messages for the ones that
/// cannot be read.
@Suite struct ThresholdParsingTests {
    @Test func runbookSpellingReadsBothThresholds() throws {
        let thresholds = try MonitorThreshold.parse(["error_rate:0.05,latency_p95:1000ms"])
        #expect(thresholds == [
            MonitorThreshold(key: "error_rate", signal: .errorRate, limit: 0.05, unit: .proportion),
            MonitorThreshold(key: "latency_p95", signal: .latency(.percentile(.p95)), limit: 1, unit: .seconds),
        ])
    }

    @Test(arguments: [
        ("error_rate:5%", MonitorSignal.errorRate, 0.05),
        ("status_5xx_rate:0.5%", .status5xxRate, 0.005),
        ("latency_p50:250ms", .latency(.percentile(.p50)), 0.25),
        ("latency_p99.9:2s", .latency(.percentile(.p999)), 2),
        ("latency_max:1", .latency(.max), 1),
        ("latency_p90: 1m30s", .latency(.percentile(.p90)), 90),
    ])
    func readsEachProbeKeyInItsUnit(text: String, signal: MonitorSignal, limit: Double) throws {
        let threshold = try #require(try MonitorThreshold.parse([text]).first)
        #expect(threshold.signal == signal)
        #expect(abs(threshold.limit - limit) < 1e-12)
    }

    @Test func repeatedFlagsAddUp() throws {
        let thresholds = try MonitorThreshold.parse(["error_rate:1%", "latency_max:2s"])
        #expect(thresholds.map(\.key) == ["error_rate", "latency_max"])
    }

    @Test func queryNamesAreKeysWithTheLimitsUnit() throws {
        let thresholds = try MonitorThreshold.parse(["errors:0.05,p95:1s,share:5%,drift:-0.5"],
                                                    queryNames: ["errors", "p95", "share", "drift"])
        #expect(thresholds.map(\.signal) == [.query("errors"), .query("p95"), .query("share"), .query("drift")])
        #expect(thresholds.map(\.unit) == [.number, .seconds, .proportion, .number])
        #expect(thresholds.map(\.limit) == [0.05, 1, 0.05, -0.5])
    }

    @Test func aQueryNamedLikeAProbeKeyWins() throws {
        let threshold = try #require(try MonitorThreshold.parse(["error_rate:0.05"], queryNames: ["error_rate"]).first)
        #expect(threshold.signal == .query("error_rate"))
    }

    @Test(arguments: [
        ("eror_rate:0.05", "unknown key 'eror_rate'; did you mean error_rate?"),
        ("latency_p42:1s", "unknown key 'latency_p42'"),
        ("error_rate", "expected KEY:LIMIT"),
        ("error_rate:", "no limit after 'error_rate:'"),
        ("latency_p95:fast", "'fast' is not a duration"),
        ("latency_p95:5d", "unknown unit 'd'"),
        ("error_rate:150%", "'150%' is not a proportion"),
        ("error_rate:high", "'high' is not a proportion"),
        ("error_rate:0.05,error_rate:0.1", "error_rate has a threshold already"),
        ("error_rate:0.05,,latency_p95:1s", "expected KEY:LIMIT"),
    ])
    func badItemsNameTheFlagTheItemAndTheProblem(text: String, says: String) {
        let error = #expect(throws: MonitorInputError.self) { try MonitorThreshold.parse([text]) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("--threshold '"), "\(message)")
        #expect(message.contains(says), "\(message)")
    }

    @Test func aBadQueryLimitIsNotANumber() {
        let error = #expect(throws: MonitorInputError.self) { try MonitorThreshold.parse(["errors:1..5"], queryNames: ["errors"]) }
        #expect(error?.description == "--threshold 'errors:1..5': '1..5' is not a number; write e.g. 0.05, 5% or 1s")
    }

    @Test func unknownKeysListTheQueryNamesToo() {
        let error = #expect(throws: MonitorInputError.self) { try MonitorThreshold.parse(["erors:1"], queryNames: ["errors"]) }
        #expect(error?.description.contains("did you mean errors?") == true)
        #expect(error?.description.contains("status_5xx_rate, errors") == true)
    }

    @Test func breachIsAboveTheLimitNotAtIt() {
        let threshold = MonitorThreshold(key: "error_rate", signal: .errorRate, limit: 0.05, unit: .proportion)
        #expect(!threshold.isBreached(by: 0.05))
        #expect(threshold.isBreached(by: 0.0501))
        #expect(threshold.format(0.0421) == "4.21%")
        #expect(MonitorThreshold(key: "p", signal: .latency(.max), limit: 1, unit: .seconds).format(0.00125) == "1.25ms")
    }
}

/// `--query NAME='PromQL'`.
@Suite struct PrometheusQueryParsingTests {
    @Test func splitsAtTheFirstEqualsSign() throws {
        let query = try PrometheusQuery.parse(#"errors=sum(rate(http_requests_total{status=~"5.."}[1m]))"#)
        #expect(query.name == "errors")
        #expect(query.expression == #"sum(rate(http_requests_total{status=~"5.."}[1m]))"#)
    }

    @Test(arguments: [
        ("up", "expected NAME='PromQL'"),
        ("=up", "'' is not a name"),
        ("a b=up", "'a b' is not a name"),
        ("9lives=up", "'9lives' is not a name"),
        ("errors=", "no PromQL expression after 'errors='"),
    ])
    func badQueriesNameTheFlagAndTheProblem(text: String, says: String) {
        let error = #expect(throws: MonitorInputError.self) { try PrometheusQuery.parse(text) }
        #expect(error?.description.hasPrefix("--query '\(text)': ") == true, "\(String(describing: error))")
        #expect(error?.description.contains(says) == true, "\(String(describing: error))")
    }
}
