import LoadEngine

/// How a canary ended, what it judged, and what its probes measured.
public struct CanaryOutcome: Sendable {
    /// The finding.
    public var verdict: CanaryVerdict
    /// Every interval judged, in order.
    public var intervals: [IntervalJudgment]
    /// What the probe measured of the baseline up to the end; nil without probes.
    public var baseline: RunResult?
    /// What the probe measured of the canary up to the end; nil without probes.
    public var canary: RunResult?
    /// Seconds from the start to the end.
    public var elapsed: Double

    /// Creates an outcome.
    public init(verdict: CanaryVerdict, intervals: [IntervalJudgment], baseline: RunResult?, canary: RunResult?, elapsed: Double) {
        self.verdict = verdict
        self.intervals = intervals
        self.baseline = baseline
        self.canary = canary
        self.elapsed = elapsed
    }
}
