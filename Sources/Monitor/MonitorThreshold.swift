import Units

/// One `--threshold KEY:LIMIT`: the signal must stay at or below the limit; above it, the
/// threshold is breached.
public struct MonitorThreshold: Sendable, Equatable {
    /// The key as written: `error_rate`, `latency_p95`, or a `--query` name.
    public var key: String
    /// What is watched.
    public var signal: MonitorSignal
    /// The largest value that still holds: a proportion, seconds, or a plain number (`unit`).
    public var limit: Double
    /// The unit the limit was written in, which is also how values are shown.
    public var unit: SignalUnit

    /// Creates a threshold.
    public init(key: String, signal: MonitorSignal, limit: Double, unit: SignalUnit) {
        self.key = key
        self.signal = signal
        self.limit = limit
        self.unit = unit
    }

    /// Whether `value` breaches the threshold.
    public func isBreached(by value: Double) -> Bool { value > limit }

    /// `value` written in the threshold's unit: `4.20%`, `1.25ms`, `0.042`.
    public func format(_ value: Double) -> String {
        switch unit {
        case .proportion: "\(fixed(value * 100, decimals: 2))%"
        case .seconds: DurationText.formatMicroseconds(value * 1e6)
        case .number: Self.formatNumber(value)
        }
    }

    /// The limit, written as `format` writes values.
    public var limitText: String { format(limit) }

    private static func formatNumber(_ value: Double) -> String {
        guard value.isFinite else { return fixed(value, decimals: 0) }
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 1 : magnitude >= 1 ? 3 : 4
        return fixed(value, decimals: decimals)
    }
}
