/// Why a `--threshold` value could not be read. Each message quotes the value, shows valid
/// forms and lists the metric names.
public enum ThresholdError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The value was empty.
    case empty
    /// The amount is not a plain non-negative number (`abc`, `1e3`, `inf`): the amount, then the whole value.
    case notANumber(String, in: String)
    /// The amount is negative: the whole value.
    case negative(String)
    /// `name=` names no metric: the name, the whole value, and the closest metric name if one is close.
    case unknownMetric(String, in: String, suggestion: Metric?)

    /// A sentence a user can act on.
    public var description: String {
        switch self {
        case .empty:
            return "empty threshold; \(Self.expected)"
        case .notANumber(let amount, let value):
            return "'\(amount)' in threshold '\(value)' is not a number; \(Self.expected)"
        case .negative(let value):
            return "threshold '\(value)' is negative; thresholds are zero or more; \(Self.expected)"
        case .unknownMetric(let name, let value, let suggestion):
            let hint = suggestion.map { " did you mean \($0.rawValue)?" } ?? ""
            return "unknown metric '\(name)' in threshold '\(value)';\(hint) valid metrics: \(Self.metricNames)"
        }
    }

    private static let metricNames = Metric.allCases.map(\.rawValue).joined(separator: ", ")
    private static let expected =
        "expected a percent (10 or 10%) or metric=value (p99=15, error_rate=0.5 in percentage points); "
        + "metrics: \(metricNames)"
}
