import Baselines
import Foundation
import Histograms

extension Metric {
    /// This metric's value for a whole run: latency from the run's `latency` histogram in
    /// milliseconds, error rate in percent, throughput as the achieved rate. nil when the run
    /// has nothing to measure it from (no latency histogram, nothing completed).
    public func value(of run: RunRecord) -> Double? {
        value(of: run, latency: run.histograms["latency"].flatMap(PercentileReadout.init))
    }

    /// `value(of:)` with the latency histogram's readout made once for all metrics of a run.
    func value(of run: RunRecord, latency: PercentileReadout?) -> Double? {
        let value: Double
        switch self {
        case .p50, .p90, .p95, .p99, .p999, .mean:
            guard let latency, let microseconds = microseconds(in: latency) else { return nil }
            value = microseconds / 1_000
        case .errorRate:
            guard run.counts.completed > 0 else { return nil }
            value = run.counts.errorRate * 100
        case .throughput:
            value = run.achievedRate
        }
        // A non-finite value (a corrupt rate) would poison medians and cannot be written as JSON.
        return value.isFinite ? value : nil
    }

    /// This latency metric's value in `readout`, microseconds; nil for the other metrics.
    private func microseconds(in readout: PercentileReadout) -> Double? {
        switch self {
        case .p50: Double(readout.p50)
        case .p90: Double(readout.p90)
        case .p95: Double(readout.p95)
        case .p99: Double(readout.p99)
        case .p999: Double(readout.p999)
        case .mean: readout.mean
        case .errorRate, .throughput: nil
        }
    }

    /// A run's value on the scale its run-to-run noise is measured and tested on: the natural
    /// logarithm for metrics compared in percent (so noise and change are relative, whatever
    /// the level), the value itself for the error rate (compared in points). nil for a
    /// non-positive value of a percent metric, which has no logarithm.
    func onTestScale(_ value: Double) -> Double? {
        switch deltaUnit {
        case .points: return value
        case .percent: return value > 0 ? log(value) : nil
        }
    }

    /// The smallest run-to-run spread this metric is credited with, so runs that happen to
    /// agree exactly (no errors in any run; a rate held to the request) cannot make every
    /// difference infinitely significant: the resolution of the latency histograms (3
    /// significant digits) for percent metrics; for the error rate, the binomial spread of one
    /// run's rate at the pooled rate, counting at least one failure.
    func noiseFloor(runs: [RunRecord]) -> Double {
        switch deltaUnit {
        case .percent:
            return 0.001
        case .points:
            let completed = runs.reduce(0) { $0 + $1.counts.completed }
            guard completed > 0, !runs.isEmpty else { return 0.001 }
            let rate = Double(max(runs.reduce(0) { $0 + $1.counts.failures }, 1)) / Double(completed)
            let perRun = Double(completed) / Double(runs.count)
            return 100 * (rate * (1 - rate) / perRun).squareRoot()
        }
    }

    /// How many seconds of the run have a value of this metric (for the samples column):
    /// seconds in which something completed, or every second for throughput.
    func secondsWithValue(in run: RunRecord) -> Int {
        self == .throughput ? run.series.count : run.series.count { $0.requests > 0 }
    }
}
