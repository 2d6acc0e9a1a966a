import Foundation
import Histograms
import Units

/// How a run ended.
public enum RunOutcome: String, Sendable, Codable {
    /// The schedule or duration ran to its end.
    case completed
    /// A stop was requested (Ctrl-C, SIGTERM) and the run ended early.
    case interrupted
}

/// Everything one run of a `LoadPlan` measured. Built once at the end; aggregation lives in
/// `Measurements` (whose members read as the result's own), formatting in the reporters.
@dynamicMemberLookup
public struct RunResult: Sendable {
    /// The plan that was run.
    public var plan: LoadPlan
    /// How the run ended.
    public var outcome: RunOutcome
    /// What the run measured.
    public var measurements: Measurements

    /// Reads a member of `measurements` as the result's own: `result.errorRate`.
    public subscript<Value>(dynamicMember keyPath: KeyPath<Measurements, Value>) -> Value {
        measurements[keyPath: keyPath]
    }

    /// Percentiles of one metric, microseconds.
    public func percentiles(_ metric: LatencyMetric) -> PercentileReadout {
        measurements.percentiles(metric)
    }
}
