/// The numbers the judge decides with: the rank test's significance level and Kayenta's two
/// scores (`--fail-score` is Kayenta's marginal score).
public struct CanaryCriteria: Sendable, Equatable {
    /// A difference is significant when the two-sided p-value is below this.
    public var alpha: Double
    /// An interval scoring below this rolls the canary back at once.
    public var failScore: Double
    /// The running score at the end must be at least this to promote.
    public var passScore: Double

    /// Kayenta's defaults (marginal 75, pass 95) and the usual 5% significance level. With the
    /// runbook's three metrics one worse metric scores 66.7 and rolls back; with two, 50.
    public static let standard = CanaryCriteria(alpha: 0.05, failScore: 75, passScore: 95)

    /// Creates criteria; `failScore` ≤ `passScore`, both in 0…100, `alpha` in (0, 1).
    public init(alpha: Double, failScore: Double, passScore: Double) {
        self.alpha = alpha
        self.failScore = failScore
        self.passScore = passScore
    }
}

/// The canary's finding.
public enum CanaryVerdict: Sendable, Equatable {
    /// The whole duration passed and the running score reached the pass score: promote (exit 0).
    case promote(score: Double)
    /// An interval scored under the fail score: roll back now (exit 1).
    case rollback(interval: Int, score: Double)
    /// The duration ended with a running score between the fail and the pass score, or with no
    /// interval that had data: not good enough to promote (exit 1).
    case marginal(score: Double?)
    /// A stop was asked for before the end (exit 130).
    case interrupted(score: Double?)

    /// The verdict's name in the lines and the JSON: `promote`, `rollback`, `marginal`, `interrupted`.
    public var name: String {
        switch self {
        case .promote: "promote"
        case .rollback: "rollback"
        case .marginal: "marginal"
        case .interrupted: "interrupted"
        }
    }

    /// Whether the canary may go on to more traffic.
    public var promotes: Bool {
        if case .promote = self { return true }
        return false
    }
}

/// The running tally of a canary: each interval's score as it is judged, the running score,
/// and the decisions the criteria lead to.
public struct CanaryScoreboard: Sendable, Equatable {
    /// The criteria decided with.
    public let criteria: CanaryCriteria
    /// Every interval judged so far, in order.
    public private(set) var intervals: [IntervalJudgment] = []

    /// An empty tally.
    public init(criteria: CanaryCriteria) {
        self.criteria = criteria
    }

    /// The mean score of the intervals that had data so far; nil before the first.
    public var runningScore: Double? {
        let scores = intervals.compactMap(\.score)
        guard !scores.isEmpty else { return nil }
        return scores.reduce(0, +) / Double(scores.count)
    }

    /// Takes the next interval's judgment; returns the rollback it calls for, if it scores under
    /// the fail score. An interval without data calls for nothing.
    public mutating func record(_ judgment: IntervalJudgment) -> CanaryVerdict? {
        intervals.append(judgment)
        guard let score = judgment.score, score < criteria.failScore else { return nil }
        return .rollback(interval: judgment.number, score: score)
    }

    /// The verdict once the duration is over without a rollback.
    public var finalVerdict: CanaryVerdict {
        guard let score = runningScore, score >= criteria.passScore else { return .marginal(score: runningScore) }
        return .promote(score: score)
    }
}
