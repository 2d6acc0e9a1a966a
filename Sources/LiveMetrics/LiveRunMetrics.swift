import Dispatch
import LoadEngine
import Prometheus
import Units

/// A run's live metrics for Prometheus to scrape while it goes on, fed from the per-second
/// reports the engine already makes: requests, errors, drops, requests in flight and the
/// corrected latency histogram.
public final class LiveRunMetrics: Sendable {
    /// Bucket bounds of `perfkit_request_latency_seconds`, up to the engine's 60 s ceiling.
    static let latencyBuckets = LatencyBuckets.steps(from: .microseconds(100), through: .seconds(50))

    private let registry = PrometheusCollectorRegistry()
    private let requests: Counter
    private let errors: Counter
    private let dropped: Counter
    private let inFlight: Gauge
    private let latency: DurationHistogram
    /// Turning a second's histogram into Prometheus buckets takes a call per request, so it happens
    /// here rather than on the transport thread that reports the second.
    private let queue = DispatchQueue(label: "perfkit.live-metrics")

    /// Empty metrics.
    public init() {
        requests = registry.makeCounter(descriptor: Self.name("requests", unit: "total",
                                                             help: "Requests completed, failures included."))
        errors = registry.makeCounter(descriptor: Self.name(
            "request_errors", unit: "total", help: "Requests failed: transport failures, 4xx and 5xx responses, failed checks."))
        dropped = registry.makeCounter(descriptor: Self.name(
            "requests_dropped", unit: "total", help: "Arrivals never sent: over --max-in-flight, or cut by the end of the run."))
        inFlight = registry.makeGauge(descriptor: Self.name("requests_in_flight", unit: "",
                                                            help: "Requests sent and not yet completed."))
        latency = registry.makeDurationHistogram(
            descriptor: Self.name("request_latency", unit: "seconds",
                                  help: "Corrected latency: from each request's intended send time to its last response byte."),
            buckets: Self.latencyBuckets)
    }

    /// `perfkit_NAME_UNIT`, with its help line.
    private static func name(_ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "perfkit", metricName: name, unitName: unit, helpText: help)
    }

    /// Adds one finished second. Returns at once; the second shows in the metrics a moment later.
    public func record(_ report: IntervalReport) {
        queue.async { [self] in
            requests.increment(by: Int64(report.stats.requests))
            errors.increment(by: Int64(report.stats.errors))
            dropped.increment(by: Int64(report.stats.dropped))
            inFlight.set(Double(report.stats.inFlight))
            for bucket in report.latency.recordedValues() {
                let value = Duration.microseconds(Int64(bucket.value))
                for _ in 0..<bucket.count { latency.record(value) }
            }
        }
    }

    /// Every metric in the Prometheus text exposition format, once the seconds recorded so far are in.
    public func exposition() -> [UInt8] {
        queue.sync { registry.emitToBuffer() }
    }
}
