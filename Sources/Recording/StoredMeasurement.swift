import Baselines
import Histograms
import LoadEngine

/// A stored run's totals as targets judge them: `perfkit check` evaluates the load commands'
/// own `RunTarget`s over a merged run group through this, by the rule a live run is judged by.
public struct StoredMeasurement: TargetMeasurement {
    /// The stored (or merged) run.
    public let run: RunRecord

    /// The totals of `run`.
    public init(_ run: RunRecord) {
        self.run = run
    }

    public var responses: Int { run.counts.responses }
    public var completed: Int { run.counts.completed }
    public var errorRate: Double { run.counts.errorRate }
    public var achievedRate: Double { run.achievedRate }
    public var latencyReadout: PercentileReadout { readout("latency") }

    /// The percentiles of the histogram stored as `metric`; empty when there is none.
    func readout(_ metric: String) -> PercentileReadout {
        run.histograms[metric].flatMap(PercentileReadout.init) ?? .empty
    }
}
