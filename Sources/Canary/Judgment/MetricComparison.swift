import Regression

/// What one interval's comparison of one metric found.
public enum CanaryClassification: String, Sendable, Equatable, Codable {
    /// No difference that is both significant and beyond the tolerance.
    case pass
    /// The canary is significantly worse, by more than the tolerance.
    case worse
    /// The canary is significantly better, by more than the tolerance.
    case better
    /// A side had no samples: nothing to judge, and the metric does not count in the score.
    case noData = "no_data"
}

/// One side's samples of a metric in an interval, summed up.
public struct SideSummary: Sendable, Equatable {
    /// How many samples (requests, or Prometheus points).
    public var count: Int
    /// The median, or the mean for the error rate (`CanaryMetric.centre`); nil without samples.
    public var centre: Double?

    /// Sums up `samples` the way `metric` compares them.
    public init(_ samples: [Double], centre: CanaryMetric.Centre) {
        count = samples.count
        switch centre {
        case .median: self.centre = Self.median(samples)
        case .mean: self.centre = samples.isEmpty ? nil : samples.reduce(0, +) / Double(samples.count)
        }
    }

    /// Creates a summary.
    public init(count: Int, centre: Double?) {
        self.count = count
        self.centre = centre
    }

    private static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}

/// One metric compared over one interval: both sides summed up, the rank test's p-value, the
/// effect, and the classification.
public struct MetricComparison: Sendable, Equatable {
    /// The metric.
    public var metric: CanaryMetric
    /// The baseline's samples, summed up.
    public var baseline: SideSummary
    /// The canary's samples, summed up.
    public var canary: SideSummary
    /// The two-sided Mann-Whitney p-value; nil without samples on both sides.
    public var pValue: Double?
    /// The canary's centre less the baseline's, measured as the metric's tolerance is (a share of
    /// the baseline, or an amount); nil without samples on both sides.
    public var effect: Double?
    /// What the comparison found.
    public var classification: CanaryClassification
    /// Why a side had no samples, when reading them failed (a query Prometheus did not answer).
    public var problem: String?

    /// Creates a comparison.
    public init(metric: CanaryMetric, baseline: SideSummary, canary: SideSummary, pValue: Double?, effect: Double?,
                classification: CanaryClassification) {
        self.metric = metric
        self.baseline = baseline
        self.canary = canary
        self.pValue = pValue
        self.effect = effect
        self.classification = classification
    }

    /// Compares `canarySamples` with `baselineSamples` of `metric`: worse (or better) when the
    /// rank test is significant at `alpha` **and** the effect goes beyond the tolerance in the bad
    /// (or good) direction. Significance alone would fail a 1% shift over thousands of requests;
    /// the effect alone would fail a noisy handful of scrapes.
    public static func compare(_ metric: CanaryMetric, baseline baselineSamples: [Double], canary canarySamples: [Double],
                               alpha: Double) -> MetricComparison {
        let baseline = SideSummary(baselineSamples, centre: metric.centre)
        let canary = SideSummary(canarySamples, centre: metric.centre)
        guard let pValue = TwoSidedRankTest.pValue(baseline: baselineSamples, canary: canarySamples),
              let baselineCentre = baseline.centre, let canaryCentre = canary.centre else {
            return MetricComparison(metric: metric, baseline: baseline, canary: canary, pValue: nil, effect: nil,
                                    classification: .noData)
        }
        let effect = metric.tolerance.effect(baseline: baselineCentre, canary: canaryCentre)
        // Oriented so that a positive move is a move for the worse.
        let worsening = metric.direction == .higherIsWorse ? effect : -effect
        let classification: CanaryClassification
        if pValue < alpha, worsening > metric.tolerance.allowance {
            classification = .worse
        } else if pValue < alpha, -worsening > metric.tolerance.allowance {
            classification = .better
        } else {
            classification = .pass
        }
        return MetricComparison(metric: metric, baseline: baseline, canary: canary, pValue: pValue, effect: effect,
                                classification: classification)
    }
}
