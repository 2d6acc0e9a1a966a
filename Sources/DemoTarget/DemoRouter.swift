import NIOHTTP1

/// An endpoint of the simulated trading platform.
enum DemoRoute: Equatable {
    case index
    case health
    case price(symbol: Substring)
    case signals
    case placeOrder
    case order(id: Substring)
}

/// Where a request goes: an endpoint, or the reason none takes it.
enum RoutingOutcome: Equatable {
    case route(DemoRoute)
    case notFound
    /// The path exists but not for this method; `allowed` is the value of the `Allow` header.
    case methodNotAllowed(allowed: String)
}

/// Maps a method and path to an endpoint. `HEAD` is routed like `GET`; the writer leaves the body out.
enum DemoRouter {
    static func route(method: HTTPMethod, path: Substring) -> RoutingOutcome {
        let readsOnly = method == .GET || method == .HEAD
        switch path {
        case "/": return readsOnly ? .route(.index) : getOnly
        case "/healthz": return readsOnly ? .route(.health) : getOnly
        case "/api/signals": return readsOnly ? .route(.signals) : getOnly
        case "/api/orders": return method == .POST ? .route(.placeOrder) : .methodNotAllowed(allowed: "POST")
        default: break
        }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return .notFound }
        let leaf = path[path.index(after: slash)...]
        switch path[..<slash] {
        case "/api/prices": return readsOnly ? .route(.price(symbol: leaf)) : getOnly
        case "/api/orders" where !leaf.isEmpty: return readsOnly ? .route(.order(id: leaf)) : getOnly
        default: return .notFound
        }
    }

    private static let getOnly = RoutingOutcome.methodNotAllowed(allowed: "GET, HEAD")
}
