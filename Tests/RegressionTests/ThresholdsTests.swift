import Regression
import Testing

@Suite struct ThresholdsTests {
    @Test func defaultsAreTenPercentAndOnePointOfErrorRate() throws {
        let thresholds = try Thresholds.parse([])
        #expect(thresholds.threshold(for: .p99) == 10)
        #expect(thresholds.threshold(for: .throughput) == 10)
        #expect(thresholds.threshold(for: .errorRate) == 1)
    }

    @Test(arguments: ["10", "10%", " 10 % ", "10.0"])
    func readsAGlobalPercent(text: String) throws {
        #expect(try Thresholds.parse([text]).percent == 10)
    }

    @Test func perMetricOverridesAreRepeatableAndLaterValuesWin() throws {
        let thresholds = try Thresholds.parse(["5", "p99=15", "error_rate=0.5", "p99=20%", "P99.9=30", "p999=25"])
        #expect(thresholds.threshold(for: .p50) == 5)
        #expect(thresholds.threshold(for: .p99) == 20)
        #expect(thresholds.threshold(for: .p999) == 25)
        #expect(thresholds.threshold(for: .errorRate) == 0.5)
    }

    @Test func unknownMetricIsNamedWithASuggestionAndTheValidNames() {
        #expect(throws: ThresholdError.unknownMetric("p_99", in: "p_99=15", suggestion: .p99)) {
            try Thresholds.parse(["p_99=15"])
        }
        let message = ThresholdError.unknownMetric("p_99", in: "p_99=15", suggestion: .p99).description
        #expect(message.contains("'p_99'"))
        #expect(message.contains("did you mean p99?"))
        #expect(message.contains("p50, p90, p95, p99, p99.9, mean, error_rate, throughput"))
    }

    @Test func farOffNamesGetNoSuggestion() {
        #expect(throws: ThresholdError.unknownMetric("latency", in: "latency=5", suggestion: nil)) {
            try Thresholds.parse(["latency=5"])
        }
    }

    @Test(arguments: ["abc", "1e3", "inf", "p99=", "p99=fast", "0x10", "10%%"])
    func rejectsWhatIsNotAPlainNumber(text: String) {
        #expect(throws: ThresholdError.self) { try Thresholds.parse([text]) }
    }

    @Test func notANumberQuotesTheAmountAndTheValue() {
        #expect(throws: ThresholdError.notANumber("fast", in: "p99=fast")) { try Thresholds.parse(["p99=fast"]) }
        let message = ThresholdError.notANumber("fast", in: "p99=fast").description
        #expect(message.contains("'fast'") && message.contains("'p99=fast'") && message.contains("error_rate=0.5"))
    }

    @Test func rejectsNegativeAndEmptyThresholds() {
        #expect(throws: ThresholdError.negative("p99=-5")) { try Thresholds.parse(["p99=-5"]) }
        #expect(throws: ThresholdError.empty) { try Thresholds.parse([" "]) }
    }
}
