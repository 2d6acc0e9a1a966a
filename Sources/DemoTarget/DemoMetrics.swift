import CoreMetrics
import NIOCore
import Prometheus
import Units

/// The demo target's metrics in the Prometheus text format, for `GET /metrics`: requests by path and status,
/// response times, signals generated, orders created and their profit and loss (`trading_pnl`), under the
/// names the runbook's alert rules and canary step use.
/// Recorded through swift-metrics into this server's own registry (not the process-wide `MetricsSystem`), so
/// several servers in one process keep separate counts.
final class DemoMetrics: Sendable {
    /// Upper bounds of the response-time buckets: from the demo's sub-millisecond answers to the runbook's
    /// one-second alert threshold and beyond.
    static let durationBuckets = LatencyBuckets.steps(from: .microseconds(250), through: .seconds(10))

    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// `http_request_duration_seconds`: from a request's arrival to its response being written.
    let requestDuration: CoreMetrics.Timer
    /// `signals_generated_total`: signals created with `POST /api/signals`.
    let signalsGenerated: CoreMetrics.Counter
    /// `orders_created_total`: orders placed with `POST /api/orders`.
    let ordersCreated: CoreMetrics.Counter
    /// `trading_pnl`: the profit and loss of the orders placed, booked at their fills
    /// (`OrderPnL`), in the quote currency: the runbook's business metric for canaries.
    let tradingPnL: CoreMetrics.Meter

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.durationBuckets
        self.factory = factory
        requestDuration = Timer(label: "http_request_duration_seconds", factory: factory)
        signalsGenerated = Counter(label: "signals_generated_total", factory: factory)
        ordersCreated = Counter(label: "orders_created_total", factory: factory)
        tradingPnL = Meter(label: "trading_pnl", factory: factory)
    }

    /// The `http_requests_total` series for `path` and `status`. Making one takes the registry's lock, so
    /// connections keep the ones they use (`RequestCounters`).
    func requests(path: String, status: UInt) -> CoreMetrics.Counter {
        Counter(label: "http_requests_total", dimensions: [("path", path), ("status", String(status))], factory: factory)
    }

    /// Every metric in the Prometheus text exposition format.
    func exposition() -> ByteBuffer {
        ResponseBodies.allocator.buffer(bytes: registry.emitToBuffer())
    }
}

/// One connection's `http_requests_total` series, so that counting a response is a dictionary lookup and an
/// atomic add rather than a trip through the shared registry.
struct RequestCounters {
    private struct Key: Hashable {
        let path: MetricPath
        let status: UInt
    }

    private let metrics: DemoMetrics
    private var counters: [Key: CoreMetrics.Counter] = [:]

    init(metrics: DemoMetrics) { self.metrics = metrics }

    /// Counts one response with `status` to a request for `path`.
    mutating func count(path: MetricPath, status: UInt) {
        let key = Key(path: path, status: status)
        if let counter = counters[key] {
            counter.increment()
            return
        }
        let counter = metrics.requests(path: path.label, status: status)
        counters[key] = counter
        counter.increment()
    }
}

/// The `path` label of a request: the route's template, so ids and symbols do not make a series each.
enum MetricPath: UInt8, Hashable {
    case index, health, price, signals, signal, orders, order
    /// No route takes the request (404, 405).
    case unrouted

    var label: String {
        switch self {
        case .index: "/"
        case .health: "/healthz"
        case .price: "/api/prices/{symbol}"
        case .signals: "/api/signals"
        case .signal: "/api/signals/{id}"
        case .orders: "/api/orders"
        case .order: "/api/orders/{id}"
        case .unrouted: "unrouted"
        }
    }
}
