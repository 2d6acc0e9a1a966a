import Canary
import Foundation
import Recording
import Units

/// The canary's lines on stdout: one per judged interval and one for the verdict, as text or
/// as one JSON object per line (`--format json`, keys documented in the README).
public enum CanaryLines {
    // MARK: Text

    /// One interval as text: the decision, the scores, then each metric.
    public static func text(_ judgment: IntervalJudgment, runningScore: Double?, criteria: CanaryCriteria) -> String {
        let span = "\(seconds(judgment.start))-\(seconds(judgment.end))s"
        let score = judgment.score.map { fixed($0, decimals: 1) } ?? "-"
        let running = runningScore.map { fixed($0, decimals: 1) } ?? "-"
        let metrics = judgment.comparisons.map(text).joined(separator: "  ")
        return "[interval \(judgment.number) \(span)] \(decision(judgment, criteria: criteria).uppercased()) "
            + "score \(score) (running \(running))  \(metrics)"
    }

    private static func text(_ comparison: MetricComparison) -> String {
        let name = comparison.metric.name
        guard let effect = comparison.effect, let pValue = comparison.pValue,
              let baseline = comparison.baseline.centre, let canary = comparison.canary.centre else {
            return "\(name) no data" + (comparison.problem.map { " (\($0))" } ?? "")
        }
        let centre = comparison.metric.centre.rawValue
        return "\(name) \(comparison.classification.rawValue) \(effectText(effect, of: comparison.metric)) "
            + "(\(pText(pValue)), \(centre) \(value(baseline, of: comparison.metric)) -> \(value(canary, of: comparison.metric)), "
            + "n=\(comparison.baseline.count)/\(comparison.canary.count), tolerance \(toleranceText(comparison.metric)))"
    }

    /// The verdict as text.
    public static func text(_ outcome: CanaryOutcome, plan: CanaryPlan) -> String {
        let probes = [("baseline", outcome.baseline), ("canary", outcome.canary)].compactMap { side, result in
            result.map { "\(side) \($0.completed) requests, \(fixed($0.errorRate * 100, decimals: 2))% errors" }
        }
        let measured = probes.isEmpty ? "" : "; " + probes.joined(separator: ", ")
        let of = "\(outcome.intervals.count) of \(plan.intervals.count) intervals of \(DurationText.format(plan.interval))"
        switch outcome.verdict {
        case .promote(let score):
            return "canary: PROMOTE  running score \(fixed(score, decimals: 1)) >= pass score "
                + "\(fixed(plan.criteria.passScore, decimals: 1)) after \(of)\(measured)"
        case .rollback(let interval, let score):
            let worse = outcome.intervals.last?.comparisons.filter { $0.classification == .worse }.map(\.metric.name) ?? []
            return "canary: ROLLBACK  interval \(interval) scored \(fixed(score, decimals: 1)) < fail score "
                + "\(fixed(plan.criteria.failScore, decimals: 1)) (worse: \(worse.joined(separator: ", "))), "
                + "stopped after \(of)\(measured)"
        case .marginal(let score):
            let scoreText = score.map { "running score \(fixed($0, decimals: 1)) < pass score \(fixed(plan.criteria.passScore, decimals: 1))" }
                ?? "no interval had data"
            return "canary: MARGINAL  \(scoreText) after \(of): not promoted\(measured)"
        case .interrupted:
            return "canary: INTERRUPTED after \(fixed(outcome.elapsed, decimals: 1))s, \(of)\(measured)"
        }
    }

    /// `rollback` when the interval scored under the fail score, `no_data` when nothing had
    /// data, `ok` otherwise.
    static func decision(_ judgment: IntervalJudgment, criteria: CanaryCriteria) -> String {
        guard let score = judgment.score else { return "no_data" }
        return score < criteria.failScore ? "rollback" : "ok"
    }

    /// A value in the metric's unit: a duration, a percentage, a number.
    static func value(_ value: Double, of metric: CanaryMetric) -> String {
        switch metric.source {
        case .latency: DurationText.formatMicroseconds(value * 1e6)
        case .errorRate: "\(fixed(value * 100, decimals: 2))%"
        case .query: number(value)
        }
    }

    private static func effectText(_ effect: Double, of metric: CanaryMetric) -> String {
        let sign = effect >= 0 ? "+" : "-"
        switch metric.tolerance {
        case .relative:
            return effect.isFinite ? "\(sign)\(fixed(abs(effect) * 100, decimals: 1))%" : "\(sign)inf%"
        case .absolute:
            if metric.source == .errorRate { return "\(sign)\(fixed(abs(effect) * 100, decimals: 2)) pts" }
            return sign + value(abs(effect), of: metric)
        }
    }

    private static func toleranceText(_ metric: CanaryMetric) -> String {
        switch metric.tolerance {
        case .relative(let share): "\(fixed(share * 100, decimals: 1))%"
        case .absolute(let amount): metric.source == .errorRate ? "\(fixed(amount * 100, decimals: 2)) pts" : value(amount, of: metric)
        }
    }

    private static func pText(_ p: Double) -> String {
        p < 0.0001 ? "p<0.0001" : "p=\(fixed(p, decimals: 4))"
    }

    private static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        return fixed(value, decimals: magnitude >= 100 ? 1 : magnitude >= 1 ? 3 : 4)
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : fixed(value, decimals: 1)
    }

    // MARK: JSON

    /// One interval as a JSON line.
    public static func json(_ judgment: IntervalJudgment, runningScore: Double?, criteria: CanaryCriteria) -> String {
        JSONLine.encode(IntervalLine(judgment, runningScore: runningScore, criteria: criteria))
    }

    /// The verdict as a JSON line.
    public static func json(_ outcome: CanaryOutcome) -> String { JSONLine.encode(ResultLine(outcome)) }

    /// One side of a metric in a JSON line.
    struct SideLine: Encodable {
        var count: Int
        var value: Double?
    }

    /// One metric in a JSON line.
    struct MetricLine: Encodable {
        var name: String
        var classification: String
        var direction: String
        /// `median`, or `mean` for the error rate: what `value` is on each side.
        var statistic: String
        var baseline: SideLine
        var canary: SideLine
        var pValue: Double?
        var effect: Double?
        /// `relative` (a share of the baseline's value) or `absolute` (in the metric's unit).
        var effectKind: String
        var tolerance: Double
        var problem: String?

        init(_ comparison: MetricComparison) {
            name = comparison.metric.name
            classification = comparison.classification.rawValue
            direction = comparison.metric.direction.rawValue
            statistic = comparison.metric.centre.rawValue
            baseline = SideLine(count: comparison.baseline.count, value: comparison.baseline.centre)
            canary = SideLine(count: comparison.canary.count, value: comparison.canary.centre)
            pValue = comparison.pValue
            effect = comparison.effect
            switch comparison.metric.tolerance {
            case .relative(let share): effectKind = "relative"; tolerance = share
            case .absolute(let amount): effectKind = "absolute"; tolerance = amount
            }
            problem = comparison.problem
        }
    }

    /// `{"type":"interval",...}`.
    struct IntervalLine: Encodable {
        var type = "interval"
        var interval: Int
        var startSeconds: Double
        var endSeconds: Double
        var decision: String
        var score: Double?
        var runningScore: Double?
        var metrics: [MetricLine]

        init(_ judgment: IntervalJudgment, runningScore: Double?, criteria: CanaryCriteria) {
            interval = judgment.number
            startSeconds = judgment.start
            endSeconds = judgment.end
            decision = CanaryLines.decision(judgment, criteria: criteria)
            score = judgment.score
            self.runningScore = runningScore
            metrics = judgment.comparisons.map(MetricLine.init)
        }
    }

    /// `{"type":"result",...}`: the last line.
    struct ResultLine: Encodable {
        var type = "result"
        var result: String
        var score: Double?
        var rolledBackAtInterval: Int?
        var intervalsJudged: Int
        var elapsedSeconds: Double
        var baselineRequests: RunSummary.Requests?
        var canaryRequests: RunSummary.Requests?

        init(_ outcome: CanaryOutcome) {
            result = outcome.verdict.name
            switch outcome.verdict {
            case .promote(let value): score = value
            case .rollback(let interval, let value): score = value; rolledBackAtInterval = interval
            case .marginal(let value), .interrupted(let value): score = value
            }
            intervalsJudged = outcome.intervals.count
            elapsedSeconds = (outcome.elapsed * 1_000).rounded() / 1_000
            baselineRequests = outcome.baseline.map { RunSummary.Requests($0.measurements) }
            canaryRequests = outcome.canary.map { RunSummary.Requests($0.measurements) }
        }
    }
}
