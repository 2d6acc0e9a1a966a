import Histogram

/// One HDR histogram per `LatencyMetric`, values in microseconds from 1 µs to 60 s at three
/// significant digits. Fixed size: memory does not grow with the length of a run.
public struct LatencyHistograms: Sendable {
    /// The largest value kept exactly; longer latencies are recorded as this value.
    public static let highestTrackableMicroseconds: UInt64 = 60_000_000

    private var histograms: [Histogram<UInt64>]

    /// Empty histograms for every metric.
    public init() {
        histograms = LatencyMetric.allCases.map { _ in Self.makeHistogram(significantDigits: .three) }
    }

    /// An empty histogram with perfkit's range.
    static func makeHistogram(significantDigits: SignificantDigits) -> Histogram<UInt64> {
        Histogram(lowestDiscernibleValue: 1, highestTrackableValue: highestTrackableMicroseconds,
                  numberOfSignificantValueDigits: significantDigits)
    }

    /// The histogram of one metric.
    public subscript(metric: LatencyMetric) -> Histogram<UInt64> {
        get { histograms[metric.index] }
        set { histograms[metric.index] = newValue }
    }

    /// Records `nanoseconds` for `metric`, clamped to the trackable range.
    @inline(__always)
    mutating func record(_ metric: LatencyMetric, nanoseconds: Int64) {
        histograms[metric.index].record(Self.clampedMicroseconds(nanoseconds))
    }

    /// Records a value already in microseconds.
    @inline(__always)
    mutating func record(_ metric: LatencyMetric, microseconds: Int64) {
        histograms[metric.index].record(UInt64(min(max(microseconds, 1), Int64(Self.highestTrackableMicroseconds))))
    }

    /// Records the phases a transfer went through; connection phases only when it opened one.
    @inline(__always)
    mutating func record(_ phases: PhaseTimings) {
        if let dns = phases.dns { record(.dns, microseconds: dns) }
        if let connect = phases.connect { record(.connect, microseconds: connect) }
        if let tls = phases.tls { record(.tls, microseconds: tls) }
        record(.ttfb, microseconds: phases.ttfb)
        record(.transfer, microseconds: phases.transfer)
    }

    @inline(__always)
    static func clampedMicroseconds(_ nanoseconds: Int64) -> UInt64 {
        let micros = (nanoseconds + 500) / 1_000
        return UInt64(min(max(micros, 1), Int64(highestTrackableMicroseconds)))
    }

    /// Adds every count of `other` into these histograms.
    public mutating func add(_ other: LatencyHistograms) {
        for index in histograms.indices { histograms[index].add(other.histograms[index]) }
    }
}

extension LatencyMetric {
    var index: Int {
        switch self {
        case .latency: 0
        case .serviceTime: 1
        case .wait: 2
        case .dns: 3
        case .connect: 4
        case .tls: 5
        case .ttfb: 6
        case .transfer: 7
        }
    }
}
