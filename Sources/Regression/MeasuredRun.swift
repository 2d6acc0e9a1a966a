import Baselines
import Histograms

/// A completed run with its per-run metric values worked out once, so each run's latency
/// histogram is read once for all metrics.
struct MeasuredRun {
    /// The stored run.
    let record: RunRecord
    /// Its value of each metric asked for that it has one for.
    let values: [Metric: Double]

    init(_ record: RunRecord, metrics: [Metric]) {
        self.record = record
        let needsLatency = metrics.contains(where: \.isLatency)
        let latency = needsLatency ? record.histograms["latency"].flatMap(PercentileReadout.init) : nil
        var values: [Metric: Double] = [:]
        for metric in metrics {
            values[metric] = metric.value(of: record, latency: latency)
        }
        self.values = values
    }
}
