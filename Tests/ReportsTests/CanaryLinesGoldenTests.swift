import Canary
import Reports
import Testing

/// The canary's interval and verdict lines, text and JSON, rendered from known judgments and
/// compared whole with their golden file (`PERFKIT_UPDATE_GOLDEN=1` rewrites it).
@Suite struct CanaryLinesGoldenTests {
    private let metrics = [
        CanaryMetric(name: "latency", source: .latency, direction: .higherIsWorse, tolerance: .relative(0.1)),
        CanaryMetric(name: "error_rate", source: .errorRate, direction: .higherIsWorse, tolerance: .absolute(0.01)),
        CanaryMetric(name: "trading_pnl", source: .query(template: "sum(trading_pnl{{{group}}})"), direction: .lowerIsWorse,
                     tolerance: .relative(0.1)),
    ]

    private func steps(from start: Double, by step: Double, count: Int) -> [Double] {
        (0..<count).map { start + step * Double($0) }
    }

    @Test func canaryLines() throws {
        let plan = CanaryPlan(metrics: metrics, criteria: .standard, duration: .seconds(40), interval: .seconds(10),
                              probes: nil, groups: .init(baseline: #"version="v1.2.2""#, canary: #"version="v1.2.3""#))
        let passing = IntervalJudgment(number: 1, start: 0, end: 10, comparisons: [
            .compare(metrics[0], baseline: steps(from: 0.020, by: 0.0001, count: 100), canary: steps(from: 0.0201, by: 0.0001, count: 100),
                     alpha: 0.05),
            .compare(metrics[1], baseline: Array(repeating: 0, count: 100), canary: Array(repeating: 0, count: 100), alpha: 0.05),
            .compare(metrics[2], baseline: steps(from: 100, by: 1, count: 11), canary: steps(from: 101, by: 1, count: 11), alpha: 0.05),
        ])
        var unread = MetricComparison.compare(metrics[2], baseline: [], canary: [], alpha: 0.05)
        unread.problem = "Prometheus at http://127.0.0.1:9090 cannot be reached (refused)"
        let failing = IntervalJudgment(number: 2, start: 10, end: 20, comparisons: [
            .compare(metrics[0], baseline: steps(from: 0.020, by: 0.0001, count: 100), canary: steps(from: 0.026, by: 0.0001, count: 100),
                     alpha: 0.05),
            .compare(metrics[1], baseline: Array(repeating: 0, count: 100),
                     canary: Array(repeating: 1, count: 6) + Array(repeating: 0, count: 94), alpha: 0.05),
            unread,
        ])
        let rollback = CanaryOutcome(verdict: .rollback(interval: 2, score: 0), intervals: [passing, failing], baseline: nil,
                                     canary: nil, elapsed: 20.125)
        let promote = CanaryOutcome(verdict: .promote(score: 100), intervals: [passing], baseline: nil, canary: nil, elapsed: 40.5)
        let marginal = CanaryOutcome(verdict: .marginal(score: nil), intervals: [], baseline: nil, canary: nil, elapsed: 40.5)
        let interrupted = CanaryOutcome(verdict: .interrupted(score: 100), intervals: [passing], baseline: nil, canary: nil,
                                        elapsed: 12.5)
        let lines = [
            CanaryLines.text(passing, runningScore: 100, criteria: plan.criteria),
            CanaryLines.text(failing, runningScore: 50, criteria: plan.criteria),
            CanaryLines.text(rollback, plan: plan), CanaryLines.text(promote, plan: plan),
            CanaryLines.text(marginal, plan: plan), CanaryLines.text(interrupted, plan: plan),
            CanaryLines.json(passing, runningScore: 100, criteria: plan.criteria),
            CanaryLines.json(failing, runningScore: 50, criteria: plan.criteria),
            CanaryLines.json(rollback), CanaryLines.json(promote),
        ]
        try GoldenFile.check(lines.joined(separator: "\n"), "canary-lines.txt")
    }
}
