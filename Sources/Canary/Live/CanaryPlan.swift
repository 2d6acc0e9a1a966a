import LoadEngine

/// What a canary compares, how, and for how long.
public struct CanaryPlan: Sendable {
    /// The probe's two request streams: the same request to each version at the same rate.
    public struct Probes: Sendable {
        /// The requests to the stable version.
        public var baseline: LoadPlan
        /// The requests to the canary.
        public var canary: LoadPlan

        /// Creates the pair.
        public init(baseline: LoadPlan, canary: LoadPlan) {
            self.baseline = baseline
            self.canary = canary
        }
    }

    /// The label matchers put in place of `{{group}}` for each side, e.g. `version="v1.2.2"`.
    public struct Groups: Sendable, Equatable {
        public var baseline: String
        public var canary: String

        /// Creates the pair.
        public init(baseline: String, canary: String) {
            self.baseline = baseline
            self.canary = canary
        }
    }

    /// The metrics, probed and queried alike, in the order they were given.
    public var metrics: [CanaryMetric]
    /// Significance level and scores.
    public var criteria: CanaryCriteria
    /// How long the canary runs.
    public var duration: Duration
    /// The judgment interval, whole seconds.
    public var interval: Duration
    /// The probes; nil when only Prometheus is read.
    public var probes: Probes?
    /// The groups the queries compare; nil without queries.
    public var groups: Groups?

    /// Creates a plan.
    public init(metrics: [CanaryMetric], criteria: CanaryCriteria, duration: Duration, interval: Duration,
                probes: Probes?, groups: Groups?) {
        self.metrics = metrics
        self.criteria = criteria
        self.duration = duration
        self.interval = interval
        self.probes = probes
        self.groups = groups
    }

    /// The intervals, as seconds since the start: whole intervals, and the rest of the duration
    /// as a last, shorter one.
    public var intervals: [(start: Double, end: Double)] {
        let length = interval.seconds, total = duration.seconds
        var bounds: [(Double, Double)] = []
        var start = 0.0
        while start < total - 1e-9 {
            bounds.append((start, min(start + length, total)))
            start += length
        }
        return bounds
    }

    /// The step between the points a range query returns: about 30 points an interval, at
    /// least one second apart (Prometheus' points are no finer than its scrapes).
    public var queryStep: Double { max(1, (interval.seconds / 30).rounded()) }

    /// About how many samples a side a full interval gives: the probe's requests at its rate, and
    /// a range query's points; nil for a source the plan does not use.
    public var samplesPerInterval: (probe: Int?, query: Int?) {
        let seconds = interval.seconds
        let probe = probes.map { probes in
            if case .open(let schedule, _) = probes.baseline.model { return Int((schedule.meanRate * seconds).rounded(.down)) }
            return 0
        }
        let query = metrics.contains { !$0.isProbed } ? Int((seconds / queryStep).rounded(.down)) + 1 : nil
        return (probe, query)
    }

    /// `template` with `{{group}}` replaced by `matchers`.
    public static func expression(_ template: String, group matchers: String) -> String {
        template.replacingOccurrences(of: CanaryMetricList.groupPlaceholder, with: matchers)
    }
}
