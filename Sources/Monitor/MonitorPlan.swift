import LoadEngine

/// What a monitor watches, how, and for how long.
public struct MonitorPlan: Sendable {
    /// The thresholds, probe signals and queries alike.
    public var thresholds: [MonitorThreshold]
    /// The `--query` expressions the query thresholds read.
    public var queries: [PrometheusQuery]
    /// The probe's rolling window, whole seconds.
    public var windowSeconds: Int
    /// How long a breach must last before it fails (`--for`).
    public var sustain: Duration
    /// How long to watch.
    public var duration: Duration
    /// The probe's requests, paced over `duration`; nil when only Prometheus is read.
    public var probe: LoadPlan?

    /// Creates a plan.
    public init(thresholds: [MonitorThreshold], queries: [PrometheusQuery], windowSeconds: Int, sustain: Duration,
                duration: Duration, probe: LoadPlan?) {
        self.thresholds = thresholds
        self.queries = queries
        self.windowSeconds = windowSeconds
        self.sustain = sustain
        self.duration = duration
        self.probe = probe
    }

    /// The thresholds the probe's window feeds.
    public var probeThresholds: [MonitorThreshold] { thresholds.filter(\.signal.isProbed) }

    /// The thresholds Prometheus feeds.
    public var queryThresholds: [MonitorThreshold] { thresholds.filter { !$0.signal.isProbed } }
}
