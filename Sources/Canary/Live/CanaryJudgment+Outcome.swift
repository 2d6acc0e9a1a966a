import Recording

extension RunConfiguration.CanaryJudgment {
    /// The judgment of `outcome` under `plan`, for the run of `side` (`baseline` or `canary`).
    init(_ outcome: CanaryOutcome, plan: CanaryPlan, versions: (baseline: String, canary: String), side: String) {
        let score: Double? = switch outcome.verdict {
        case .promote(let score), .rollback(_, let score): score
        case .marginal(let score), .interrupted(let score): score
        }
        self.init(side: side, baselineVersion: versions.baseline, canaryVersion: versions.canary, verdict: outcome.verdict.name,
                  score: score, alpha: plan.criteria.alpha, failScore: plan.criteria.failScore, passScore: plan.criteria.passScore,
                  intervalSeconds: plan.interval.seconds, intervals: outcome.intervals.map { judgment in
                      Interval(number: judgment.number, startSeconds: judgment.start, endSeconds: judgment.end, score: judgment.score,
                               metrics: judgment.comparisons.map(Metric.init))
                  })
    }
}

extension RunConfiguration.CanaryJudgment.Metric {
    init(_ comparison: MetricComparison) {
        let (effectKind, tolerance) = switch comparison.metric.tolerance {
        case .relative(let share): ("relative", share)
        case .absolute(let amount): ("absolute", amount)
        }
        let unit = switch comparison.metric.source {
        case .latency: "seconds"
        case .errorRate: "proportion"
        case .query: "number"
        }
        self.init(name: comparison.metric.name, classification: comparison.classification.rawValue,
                  direction: comparison.metric.direction.rawValue, statistic: comparison.metric.centre.rawValue, unit: unit,
                  baselineCount: comparison.baseline.count, baselineValue: comparison.baseline.centre,
                  canaryCount: comparison.canary.count, canaryValue: comparison.canary.centre, pValue: comparison.pValue,
                  effect: comparison.effect, effectKind: effectKind, tolerance: tolerance)
    }
}
