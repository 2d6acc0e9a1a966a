/// One threshold's value and standing at an evaluation.
public struct ThresholdReading: Sendable, Equatable {
    /// The threshold.
    public var threshold: MonitorThreshold
    /// The value judged, in the threshold's unit; nil when there was none.
    public var value: Double?
    /// Where the threshold stands.
    public var state: BreachState
    /// Why there is no value, when reading it failed (a query Prometheus did not answer).
    public var problem: String?

    /// Creates a reading.
    public init(threshold: MonitorThreshold, value: Double?, state: BreachState, problem: String? = nil) {
        self.threshold = threshold
        self.value = value
        self.state = state
        self.problem = problem
    }
}

/// One evaluation of the thresholds one source feeds: the probe once per second of its run, or
/// Prometheus once per second of the monitor.
public struct MonitorEvaluation: Sendable, Equatable {
    /// Where the values came from.
    public enum Source: String, Sendable, Equatable {
        /// The monitor's own requests, over the rolling window.
        case probe
        /// Prometheus' answers to the `--query` expressions.
        case prometheus
    }

    /// The probe's rolling window at an evaluation.
    public struct Window: Sendable, Equatable {
        /// The window's length, seconds.
        public var seconds: Int
        /// How many seconds it holds so far; thresholds are judged once it is full.
        public var filled: Int
        /// Requests completed in it.
        public var requests: Int

        public init(seconds: Int, filled: Int, requests: Int) {
            self.seconds = seconds
            self.filled = filled
            self.requests = requests
        }

        /// Whether the window is full, so its thresholds were judged.
        public var isFull: Bool { filled >= seconds }
    }

    /// Where the values came from.
    public var source: Source
    /// When the evaluation was made: whole seconds since the monitor started.
    public var time: Int
    /// The thresholds this source feeds, judged (or, while the probe's window fills, only read).
    public var readings: [ThresholdReading]
    /// The probe's window; nil for Prometheus.
    public var window: Window?

    public init(source: Source, time: Int, readings: [ThresholdReading], window: Window?) {
        self.source = source
        self.time = time
        self.readings = readings
        self.window = window
    }

    /// The threshold that failed the monitor at this evaluation, if one did.
    public var failure: ThresholdReading? {
        readings.first { if case .failed = $0.state { true } else { false } }
    }
}

/// The `for:` trackers of a set of thresholds, judged together at each evaluation.
struct ThresholdJudge {
    private let thresholds: [MonitorThreshold]
    private var trackers: [BreachTracker]

    init(thresholds: [MonitorThreshold], sustain: Duration) {
        self.thresholds = thresholds
        trackers = thresholds.map { _ in BreachTracker(sustain: sustain) }
    }

    /// Judges each threshold at `time` on the value `read` gives for it (nil: no data, with the
    /// reason when there is one).
    mutating func judge(at time: Int, _ read: (MonitorThreshold) -> (value: Double?, problem: String?)) -> [ThresholdReading] {
        thresholds.indices.map { index in
            let threshold = thresholds[index]
            let (value, problem) = read(threshold)
            let state = trackers[index].update(breached: value.map(threshold.isBreached), at: Double(time))
            return ThresholdReading(threshold: threshold, value: value, state: state, problem: problem)
        }
    }

    /// Shows each threshold's value without judging it (the probe's window is still filling).
    func read(_ read: (MonitorThreshold) -> Double?) -> [ThresholdReading] {
        thresholds.map { ThresholdReading(threshold: $0, value: read($0), state: .noData) }
    }
}
