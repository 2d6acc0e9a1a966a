/// A quantity compared between two versions, as named on the command line (`--metrics`,
/// `--threshold p99=15`).
public enum Metric: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable {
    /// Median corrected latency, milliseconds.
    case p50
    /// 90th percentile corrected latency, milliseconds.
    case p90
    /// 95th percentile corrected latency, milliseconds.
    case p95
    /// 99th percentile corrected latency, milliseconds.
    case p99
    /// 99.9th percentile corrected latency, milliseconds.
    case p999 = "p99.9"
    /// Mean corrected latency, milliseconds.
    case mean
    /// Failed requests over completed requests, percent.
    case errorRate = "error_rate"
    /// Achieved rate, requests per second.
    case throughput

    /// Which way this metric gets worse.
    public var direction: MetricDirection {
        switch self {
        case .throughput: .lowerIsWorse
        case .p50, .p90, .p95, .p99, .p999, .mean, .errorRate: .higherIsWorse
        }
    }

    /// Whether the value comes from the latency histogram (percentiles and mean).
    public var isLatency: Bool {
        switch self {
        case .p50, .p90, .p95, .p99, .p999, .mean: true
        case .errorRate, .throughput: false
        }
    }

    /// The unit values are given in, for display: `ms`, `%` or `req/s`.
    public var unit: String {
        switch self {
        case .p50, .p90, .p95, .p99, .p999, .mean: "ms"
        case .errorRate: "%"
        case .throughput: "req/s"
        }
    }

    /// How a change of this metric, and its threshold, are expressed.
    public var deltaUnit: DeltaUnit {
        self == .errorRate ? .points : .percent
    }

    /// Fewest latency values every run needs before this percentile is compared: ten values
    /// beyond it (p95 needs 200 requests, p99 1,000, p99.9 10,000). Below that the percentile
    /// is a run's few slowest requests, noise that no threshold should turn into a verdict;
    /// nil for metrics without such a floor.
    public var minimumSamplesPerRun: Int? {
        percentile.map { Int((10 / (1 - $0 / 100)).rounded()) }
    }

    /// The latency percentile (0...100) this metric reads, nil for the others.
    public var percentile: Double? {
        switch self {
        case .p50: 50
        case .p90: 90
        case .p95: 95
        case .p99: 99
        case .p999: 99.9
        case .mean, .errorRate, .throughput: nil
        }
    }

    /// The metric named `name`, ignoring case; also accepts the Swift spellings `p999` and
    /// `errorRate` because people type them.
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let metric = Metric.allCases.first(where: {
            $0.rawValue == lowered || String(describing: $0).lowercased() == lowered
        }) else { return nil }
        self = metric
    }
}
