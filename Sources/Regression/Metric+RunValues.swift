import Baselines

extension Metric {
    /// This metric's value for a whole run: latency from the run's `latency` histogram in
    /// milliseconds, error rate in percent, throughput as the achieved rate. nil when the run
    /// has nothing to measure it from (no latency histogram, nothing completed).
    public func value(of run: RunRecord) -> Double? {
        value(of: run, latency: run.histograms["latency"].flatMap(LatencyReadout.init))
    }

    /// `value(of:)` with the latency histogram's readout made once for all metrics of a run.
    func value(of run: RunRecord, latency: LatencyReadout?) -> Double? {
        let value: Double
        switch self {
        case .p50, .p90, .p95, .p99, .p999, .mean:
            guard let latency else { return nil }
            let microseconds = percentile.map { Double(latency.value(atPercentile: $0)) } ?? latency.mean
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

    /// This metric's value in each second of the run's timeline, for the bootstrap. Seconds in
    /// which nothing completed are skipped for latency and error rate (they have no value) but
    /// kept as zero for throughput (a second without responses is a real drop in throughput).
    public func perSecondValues(of run: RunRecord) -> [Double] {
        let answered = run.series.filter { $0.requests > 0 }
        switch self {
        case .p50: return answered.map { Double($0.p50) / 1_000 }
        case .p90: return answered.map { Double($0.p90) / 1_000 }
        case .p95: return answered.map { Double($0.p95) / 1_000 }
        case .p99: return answered.map { Double($0.p99) / 1_000 }
        case .p999: return answered.map { Double($0.p999) / 1_000 }
        case .mean: return answered.map { $0.mean / 1_000 }
        case .errorRate: return answered.map { Double($0.errors) / Double($0.requests) * 100 }
        case .throughput: return run.series.map { Double($0.requests) }
        }
    }

    /// How many values `perSecondValues(of:)` gives, without building them.
    func secondsWithValue(in run: RunRecord) -> Int {
        self == .throughput ? run.series.count : run.series.count { $0.requests > 0 }
    }
}
