import LoadEngine

/// How a monitor ended, and what its probe measured.
public struct MonitorOutcome: Sendable {
    /// The monitor's finding.
    public enum Verdict: Sendable, Equatable {
        /// Every threshold held for the whole duration.
        case held
        /// A threshold stayed breached for the `for` duration; the monitor stopped there.
        case breached(ThresholdReading, at: Int)
        /// A stop was asked for (SIGINT, SIGTERM) before the end.
        case interrupted
    }

    /// The finding.
    public var verdict: Verdict
    /// What the probe measured up to the end; nil without a probe.
    public var probe: RunResult?
    /// Seconds from the start to the end of the monitor.
    public var elapsed: Double

    public init(verdict: Verdict, probe: RunResult?, elapsed: Double) {
        self.verdict = verdict
        self.probe = probe
        self.elapsed = elapsed
    }
}
