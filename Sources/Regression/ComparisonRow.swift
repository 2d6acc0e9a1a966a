/// One metric of one (scenario, step): the two versions' values, the change, its significance,
/// and the verdict.
public struct ComparisonRow: Codable, Equatable, Sendable {
    /// Scenario name.
    public var scenario: String
    /// Step or endpoint within the scenario.
    public var step: String
    /// The metric compared.
    public var metric: Metric
    /// Which versions measured this step.
    public var presence: StepPresence
    /// Baseline value: median across runs of each run's value, in `metric.unit`.
    public var baseline: Double?
    /// Current value, likewise.
    public var current: Double?
    /// Current minus baseline, in `deltaUnit`: percent of the baseline, or percentage points for
    /// the error rate. nil when there is nothing to compare, or the baseline is zero.
    public var delta: Double?
    /// The unit of `delta` and `threshold`.
    public var deltaUnit: DeltaUnit
    /// The threshold that applied, in `deltaUnit`.
    public var threshold: Double
    /// One-sided p-value in the direction of the observed change (worse or better).
    public var pValue: Double?
    /// The test that gave `pValue`; `.none` when nothing could be tested.
    public var test: SignificanceTest?
    /// The run-to-run noise the t-test used, or that was looked for and not found; nil for
    /// Mann-Whitney U (which needs none) and rows without a test.
    public var noise: RunToRunNoise?
    /// How much data stood behind the row.
    public var samples: SampleCounts
    /// The conclusion; nil when the step was measured in one version only.
    public var verdict: RegressionVerdict?
    /// Why the verdict is what it is, when that is not obvious: thin data, a fallback test.
    public var note: String?

    /// Creates a row.
    public init(scenario: String, step: String, metric: Metric, presence: StepPresence, baseline: Double?,
                current: Double?, delta: Double?, deltaUnit: DeltaUnit, threshold: Double, pValue: Double?,
                test: SignificanceTest?, noise: RunToRunNoise? = nil, samples: SampleCounts, verdict: RegressionVerdict?, note: String?) {
        self.scenario = scenario
        self.step = step
        self.metric = metric
        self.presence = presence
        self.baseline = baseline
        self.current = current
        self.delta = delta
        self.deltaUnit = deltaUnit
        self.threshold = threshold
        self.pValue = pValue
        self.test = test
        self.noise = noise
        self.samples = samples
        self.verdict = verdict
        self.note = note
    }

    /// Whether another run is worth recording for this row (`perfkit gate`): its change is
    /// beyond the threshold and unconfirmed: untested, resting on one run's tail, or tested with
    /// a p-value short of `alpha` but within four times it, where one more run can tip it. A row with a larger
    /// p-value is within noise, and a row whose runs are too short for its percentile would not
    /// be helped by more runs of the same length.
    public func awaitsMoreRuns(alpha: Double) -> Bool {
        guard presence == .both, let test else { return false }
        let beyondThreshold = delta.map { abs($0) > threshold + 1e-9 } ?? true
        guard beyondThreshold else { return false }
        switch test {
        case .none: return verdict != .unchanged
        case .mannWhitneyU, .tTest:
            return verdict == .inconclusive || verdict == .unchanged && (pValue ?? 1) <= 4 * alpha
        }
    }

    private enum CodingKeys: String, CodingKey {
        case scenario, step, metric, presence, baseline, current, delta, threshold, test, noise, samples, verdict, note
        case deltaUnit = "delta_unit"
        case pValue = "p_value"
    }

    /// Encodes every key, absent values as `null`, so the JSON report has the same shape on every row.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(step, forKey: .step)
        try container.encode(metric, forKey: .metric)
        try container.encode(presence, forKey: .presence)
        try container.encode(baseline, forKey: .baseline)
        try container.encode(current, forKey: .current)
        try container.encode(delta, forKey: .delta)
        try container.encode(deltaUnit, forKey: .deltaUnit)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(pValue, forKey: .pValue)
        try container.encode(test, forKey: .test)
        try container.encode(noise, forKey: .noise)
        try container.encode(samples, forKey: .samples)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(note, forKey: .note)
    }
}
