import Histograms
import LoadEngine

/// What a monitor threshold watches: a signal the probe measures over its rolling window, or the
/// value of a named PromQL query.
public enum MonitorSignal: Sendable, Equatable, Hashable {
    /// Failed requests (transport failures, 4xx, 5xx) over completed requests.
    case errorRate
    /// Responses with a 5xx status over completed requests.
    case status5xxRate
    /// A statistic of the corrected latency.
    case latency(LatencyStatistic)
    /// The value of the `--query` of that name.
    case query(String)

    /// The threshold keys of the probe's signals, as written on the command line.
    public static let probeKeys: [String] =
        ["error_rate"] + LatencyStatistic.all.map { "latency_\($0.name)" } + ["status_5xx_rate"]

    /// The probe signal a key names (`error_rate`, `latency_p95`, `status_5xx_rate`), or nil.
    public init?(probeKey key: String) {
        switch key {
        case "error_rate": self = .errorRate
        case "status_5xx_rate": self = .status5xxRate
        default:
            guard key.hasPrefix("latency_"),
                  let statistic = LatencyStatistic.all.first(where: { "latency_\($0.name)" == key }) else { return nil }
            self = .latency(statistic)
        }
    }

    /// Whether the probe measures this signal (rather than Prometheus).
    public var isProbed: Bool {
        if case .query = self { return false }
        return true
    }

    /// The unit a value of this signal is in.
    public var unit: SignalUnit {
        switch self {
        case .errorRate, .status5xxRate: .proportion
        case .latency: .seconds
        case .query: .number
        }
    }
}

/// A statistic of a latency distribution a threshold can name.
public enum LatencyStatistic: Sendable, Equatable, Hashable {
    /// A percentile (`p50` … `p99.9`).
    case percentile(LatencyPercentile)
    /// The largest latency.
    case max

    /// Every statistic, in the order keys are listed.
    public static let all: [LatencyStatistic] = LatencyPercentile.allCases.map { .percentile($0) } + [.max]

    /// The name after `latency_`: `p95`, `p99.9`, `max`.
    public var name: String {
        switch self {
        case .percentile(let percentile): percentile.rawValue
        case .max: "max"
        }
    }

    /// The statistic's value in `summary`, microseconds.
    public func value(in summary: PercentileReadout) -> UInt64 {
        switch self {
        case .percentile(let percentile): percentile.value(in: summary)
        case .max: summary.max
        }
    }
}

/// How a signal's values and limits are written and read.
public enum SignalUnit: Sendable, Equatable {
    /// A share, 0...1, shown as a percentage.
    case proportion
    /// A time, in seconds (Prometheus' unit for durations), shown with a unit.
    case seconds
    /// A plain number.
    case number
}
