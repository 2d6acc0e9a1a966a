import NIOHTTP1

/// An endpoint of the simulated trading platform.
enum DemoRoute: Equatable {
    case index
    case health
    case price(symbol: Substring)
    case signals
    case createSignal
    case signal(id: Substring)
    case placeOrder
    case order(id: Substring)
    case cancelOrder(id: Substring)
    /// The Prometheus metrics: for the observer, so no fault, override or request count touches it.
    case metrics
    /// `PUT /control/error-rate`: changes the injected error rate, when the configuration enables control.
    case controlErrorRate
    /// `PUT /control/slowdown`: multiplies the injected latency and jitter, when the configuration enables control.
    case controlSlowdown

    /// Whether the endpoint reads the request body; other endpoints' bodies are dropped as they arrive.
    var readsBody: Bool {
        switch self {
        case .createSignal, .placeOrder, .controlErrorRate, .controlSlowdown: true
        default: false
        }
    }
}

/// Where a request goes: an endpoint, or the reason none takes it.
enum RoutingOutcome: Equatable {
    case route(DemoRoute)
    case notFound
    /// The path exists but not for this method; `allowed` is the value of the `Allow` header.
    case methodNotAllowed(allowed: String)

    /// The `path` label the request is counted under in `http_requests_total`; nil for `/metrics` and
    /// `/control`, which are not the service's traffic: scrapes would dilute the error rate the runbook's alert
    /// rules compute.
    var metricPath: MetricPath? {
        guard case .route(let route) = self else { return .unrouted }
        switch route {
        case .index: return .index
        case .health: return .health
        case .price: return .price
        case .signals, .createSignal: return .signals
        case .signal: return .signal
        case .placeOrder: return .orders
        case .order, .cancelOrder: return .order
        case .metrics, .controlErrorRate, .controlSlowdown: return nil
        }
    }
}

/// Maps a method and path to an endpoint. `HEAD` is routed like `GET`; the writer leaves the body out.
enum DemoRouter {
    static func route(method: HTTPMethod, path: Substring) -> RoutingOutcome {
        switch path {
        case "/": return read(.index, method)
        case "/healthz": return read(.health, method)
        case "/metrics": return read(.metrics, method)
        // Any method: whether the path exists at all depends on the configuration, which the planner knows.
        case "/control/error-rate": return .route(.controlErrorRate)
        case "/control/slowdown": return .route(.controlSlowdown)
        case "/api/signals": return method == .POST ? .route(.createSignal) : read(.signals, method, or: "POST")
        case "/api/orders": return method == .POST ? .route(.placeOrder) : .methodNotAllowed(allowed: "POST")
        default: break
        }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return .notFound }
        let leaf = path[path.index(after: slash)...]
        switch path[..<slash] {
        case "/api/prices": return read(.price(symbol: leaf), method)
        case "/api/signals" where !leaf.isEmpty: return read(.signal(id: leaf), method)
        case "/api/orders" where !leaf.isEmpty:
            return method == .DELETE ? .route(.cancelOrder(id: leaf)) : read(.order(id: leaf), method, or: "DELETE")
        default: return .notFound
        }
    }

    /// `route` for `GET` and `HEAD`; for other methods, a 405 allowing those and the path's `other` method.
    private static func read(_ route: DemoRoute, _ method: HTTPMethod, or other: String? = nil) -> RoutingOutcome {
        if method == .GET || method == .HEAD { return .route(route) }
        return .methodNotAllowed(allowed: other.map { "GET, HEAD, \($0)" } ?? "GET, HEAD")
    }
}
