extension RunConfiguration {
    /// A canary's judgment, stored with both sides' probe runs so that `perfkit report --run ID`
    /// can draw the judgment page later, from the store alone.
    public struct CanaryJudgment: Codable, Sendable, Equatable {
        /// Which side this run is: `baseline` or `canary`.
        public var side: String
        public var baselineVersion: String
        public var canaryVersion: String
        /// `promote`, `rollback`, `marginal` or `interrupted`.
        public var verdict: String
        /// The running score at the end; nil when no interval had data.
        public var score: Double?
        public var alpha: Double
        public var failScore: Double
        public var passScore: Double
        public var intervalSeconds: Double
        /// Every interval judged, in order.
        public var intervals: [Interval]

        /// One judged interval.
        public struct Interval: Codable, Sendable, Equatable {
            public var number: Int
            public var startSeconds: Double
            public var endSeconds: Double
            public var score: Double?
            public var metrics: [Metric]

            public init(number: Int, startSeconds: Double, endSeconds: Double, score: Double?, metrics: [Metric]) {
                self.number = number
                self.startSeconds = startSeconds
                self.endSeconds = endSeconds
                self.score = score
                self.metrics = metrics
            }
        }

        /// One metric's comparison in an interval, as the JSON lines write it.
        public struct Metric: Codable, Sendable, Equatable {
            public var name: String
            /// `pass`, `worse`, `better` or `no_data`.
            public var classification: String
            public var direction: String
            /// `median`, or `mean` for the error rate.
            public var statistic: String
            /// The values' unit: `seconds`, `proportion` or `number`.
            public var unit: String
            public var baselineCount: Int
            public var baselineValue: Double?
            public var canaryCount: Int
            public var canaryValue: Double?
            public var pValue: Double?
            public var effect: Double?
            /// `relative` (a share of the baseline's value) or `absolute` (in the metric's unit).
            public var effectKind: String
            public var tolerance: Double

            public init(name: String, classification: String, direction: String, statistic: String, unit: String,
                        baselineCount: Int, baselineValue: Double?, canaryCount: Int, canaryValue: Double?, pValue: Double?,
                        effect: Double?, effectKind: String, tolerance: Double) {
                self.name = name
                self.classification = classification
                self.direction = direction
                self.statistic = statistic
                self.unit = unit
                self.baselineCount = baselineCount
                self.baselineValue = baselineValue
                self.canaryCount = canaryCount
                self.canaryValue = canaryValue
                self.pValue = pValue
                self.effect = effect
                self.effectKind = effectKind
                self.tolerance = tolerance
            }
        }

        public init(side: String, baselineVersion: String, canaryVersion: String, verdict: String, score: Double?, alpha: Double,
                    failScore: Double, passScore: Double, intervalSeconds: Double, intervals: [Interval]) {
            self.side = side
            self.baselineVersion = baselineVersion
            self.canaryVersion = canaryVersion
            self.verdict = verdict
            self.score = score
            self.alpha = alpha
            self.failScore = failScore
            self.passScore = passScore
            self.intervalSeconds = intervalSeconds
            self.intervals = intervals
        }
    }
}
