import Canary
import LoadEngine
import Testing

@Suite struct MetricListTests {
    private func parse(metrics: [String] = [], queries: [String] = [], tolerances: [String] = [], directions: [String] = [],
                       probing: Bool = true) throws(CanaryInputError) -> [CanaryMetric] {
        try CanaryMetricList.parse(metrics: metrics, queries: queries, tolerances: tolerances, directions: directions, probing: probing)
    }

    @Test func probingJudgesLatencyAndErrorRateByDefault() throws {
        let metrics = try parse()
        #expect(metrics.map(\.name) == ["latency", "error_rate"])
        #expect(metrics[0].tolerance == .relative(0.1))
        #expect(metrics[1].tolerance == .absolute(0.01))
        #expect(metrics.allSatisfy { $0.direction == .higherIsWorse })
    }

    @Test func theRunbooksMetricsWithTradingPnlLowerIsWorse() throws {
        let metrics = try parse(metrics: ["latency,error_rate,trading_pnl"],
                                queries: ["trading_pnl=sum(deriv(trading_pnl{{{group}}}[30s]))"])
        #expect(metrics.map(\.name) == ["latency", "error_rate", "trading_pnl"])
        #expect(metrics[2].direction == .lowerIsWorse)
        #expect(metrics[2].source == .query(template: "sum(deriv(trading_pnl{{{group}}}[30s]))"))
    }

    @Test func tolerancesAndDirectionsAreReadPerMetric() throws {
        let metrics = try parse(queries: ["q=rate(x{{{group}}}[1m])"], tolerances: ["latency=5ms,error_rate=2%", "q=0.5"],
                                directions: ["q=lower-is-worse"])
        #expect(metrics[0].tolerance == .absolute(0.005))
        #expect(metrics[1].tolerance == .absolute(0.02))
        #expect(metrics[2].tolerance == .absolute(0.5))
        #expect(metrics[2].direction == .lowerIsWorse)
        #expect(try parse(tolerances: ["latency=25%"])[0].tolerance == .relative(0.25))
    }

    @Test(arguments: [
        (["latncy"], [String](), [String](), "--metrics", "did you mean latency?"),
        ([], ["q=rate(x[1m])"], [], "--query", "no {{group}}"),
        (["latency,latency"], [], [], "--metrics", "listed twice"),
        ([], [], ["latency=fast"], "--tolerance", "not a duration"),
        ([], [], ["throughput=10%"], "--tolerance", "not a judged metric"),
        (["latency"], ["q=x{{{group}}}"], [], "--query", "not in --metrics"),
        (["latency\u{1B}[31m"], [], [], "--metrics", "control characters"),
    ])
    func badInputNamesTheFlag(metrics: [String], queries: [String], tolerances: [String], flag: String, reason: String) {
        #expect {
            _ = try parse(metrics: metrics, queries: queries, tolerances: tolerances)
        } throws: { error in
            guard let error = error as? CanaryInputError else { return false }
            return error.flag == flag && error.description.contains(reason)
        }
    }

    @Test func aDirectionMustBeOneOfTheTwo() {
        #expect(throws: CanaryInputError.self) { _ = try parse(directions: ["latency=sideways"]) }
    }
}
