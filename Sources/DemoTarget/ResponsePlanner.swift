import Units
import NIOCore
import NIOHTTP1

/// A response decided but not yet written.
struct PlannedResponse {
    var status: HTTPResponseStatus
    var body: ByteBuffer
    /// The `Allow` header of a 405.
    var allow: String? = nil
    /// When the response may be written; `nil` means at once.
    var release: NIODeadline? = nil
    /// Announce the whole body but close the connection after its first bytes.
    var closesMidResponse = false
}

/// Decides each response: the route's answer, then what the request's query asks for and what the injected
/// faults impose. Requests that reach no route, or carry unreadable parameters, are answered at once and
/// untouched by faults: they are the caller's mistakes, not the service's behaviour.
struct ResponsePlanner {
    let state: DemoServiceState

    func plan(_ head: HTTPRequestHead, arrival: NIODeadline, using random: inout SplitMix64) -> PlannedResponse {
        let (path, query) = Self.split(uri: head.uri)
        let route: DemoRoute
        switch DemoRouter.route(method: head.method, path: path) {
        case .route(let found):
            route = found
        case .notFound:
            return PlannedResponse(status: .notFound, body: ResponseBodies.error("not found", ["path": String(path)]))
        case .methodNotAllowed(let allowed):
            let body = ResponseBodies.error(
                "method not allowed", ["method": head.method.rawValue, "path": String(path), "allowed": allowed])
            return PlannedResponse(status: .methodNotAllowed, body: body, allow: allowed)
        }

        var overrides = RequestOverrides()
        if let query {
            do {
                overrides = try RequestOverrides(query: query)
            } catch {
                return PlannedResponse(status: .badRequest, body: ResponseBodies.error(error.description))
            }
        }

        var response = answer(route, arrival: arrival, overrides: overrides, using: &random)
        if let size = overrides.paddedSize {
            response.body = ResponseBodies.padded(response.body, to: size)
        }
        if !response.status.mayHaveResponseBody {
            response.body.clear()
        }
        let release = state.faults.releaseTime(arrival: arrival, requestedDelay: overrides.delay, using: &random)
        response.release = release > arrival ? release : nil
        response.closesMidResponse = overrides.closesMidResponse
        return response
    }

    private func answer(
        _ route: DemoRoute, arrival: NIODeadline, overrides: RequestOverrides, using random: inout SplitMix64
    ) -> PlannedResponse {
        if let status = overrides.status {
            return PlannedResponse(status: status, body: ResponseBodies.status(status.code))
        }
        if state.faults.failsRequest(using: &random) {
            return PlannedResponse(status: .internalServerError, body: ResponseBodies.injectedFailure)
        }
        switch route {
        case .index:
            return PlannedResponse(status: .ok, body: ResponseBodies.index)
        case .health:
            let uptime = Double((arrival - state.start).nanoseconds) / 1e9
            return PlannedResponse(
                status: .ok, body: ResponseBodies.health(version: state.version, uptimeSeconds: uptime))
        case .price(let symbol):
            guard PriceModel.isValidSymbol(symbol) else {
                let message = "invalid symbol '\(symbol)': expected 1 to 12 uppercase letters or digits, e.g. EURUSD"
                return PlannedResponse(status: .badRequest, body: ResponseBodies.error(message))
            }
            let quote = PriceModel.quote(symbol, atMillis: UnixClock.milliseconds(), using: &random)
            return PlannedResponse(status: .ok, body: ResponseBodies.price(quote))
        case .signals:
            return PlannedResponse(status: .ok, body: ResponseBodies.signals)
        case .placeOrder:
            return PlannedResponse(status: .created, body: ResponseBodies.orderPlaced(id: state.orders.place()))
        case .order(let id):
            guard let order = state.orders.order(id: id) else {
                return PlannedResponse(
                    status: .notFound, body: ResponseBodies.error("order not found", ["id": String(id)]))
            }
            return PlannedResponse(status: .ok, body: ResponseBodies.order(order))
        }
    }

    /// The path and, when there is one, the query of a request target.
    static func split(uri: String) -> (path: Substring, query: Substring?) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri[...], nil) }
        return (uri[..<mark], uri[uri.index(after: mark)...])
    }
}
