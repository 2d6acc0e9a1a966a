import Units
import NIOCore
import NIOHTTP1

/// Decides each response: the route's answer, then what the request's query asks for and what the injected
/// faults impose. Requests that reach no route, carry unreadable parameters or send a body over the limit are
/// answered at once and untouched by faults: they are the caller's mistakes, not the service's behaviour.
struct ResponsePlanner {
    let state: DemoServiceState
    /// The Prometheus text format's content type.
    static let exposition = "text/plain; version=0.0.4; charset=utf-8"

    func plan(_ request: IncomingRequest, arrival: NIODeadline, using random: inout SplitMix64) -> PlannedResponse {
        let route: DemoRoute
        switch request.routing {
        case .route(.metrics):
            return PlannedResponse(status: .ok, body: state.metrics.exposition(), contentType: Self.exposition)
        case .route(.controlErrorRate), .route(.controlSlowdown):
            return control(request)
        case .route(let found):
            route = found
        case .notFound:
            return .pathNotFound(request.path)
        case .methodNotAllowed(let allowed):
            let body = ResponseBodies.error(
                "method not allowed",
                ["method": request.head.method.rawValue, "path": String(request.path), "allowed": allowed])
            return PlannedResponse(status: .methodNotAllowed, body: body, allow: allowed)
        }

        var overrides = RequestOverrides()
        if let query = request.query {
            do {
                overrides = try RequestOverrides(query: query)
            } catch {
                return PlannedResponse(status: .badRequest, body: ResponseBodies.error(error.description))
            }
        }
        if request.bodyTooLarge {
            return .rejecting(.tooLarge(limit: IncomingRequest.largestBody))
        }

        var response = answer(route, body: request.body, arrival: arrival, overrides: overrides, using: &random)
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

    /// The endpoint's answer. An overridden status or an injected failure replaces it before the endpoint
    /// runs, so such requests create, fill or cancel nothing.
    private func answer(
        _ route: DemoRoute, body: ByteBuffer, arrival: NIODeadline, overrides: RequestOverrides,
        using random: inout SplitMix64
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
                let message = "invalid symbol '\(symbol)': expected \(PriceModel.symbolRequirement)"
                return PlannedResponse(status: .badRequest, body: ResponseBodies.error(message))
            }
            let quote = PriceModel.quote(symbol, atMillis: UnixClock.milliseconds(), using: &random)
            return PlannedResponse(status: .ok, body: ResponseBodies.price(quote))
        case .signals:
            return PlannedResponse(status: .ok, body: state.signalList)
        case .createSignal:
            return createSignal(from: body, using: &random)
        case .signal(let id):
            return signal(id: id)
        case .placeOrder:
            return placeOrder(from: body, arrival: arrival, using: &random)
        case .order(let id):
            return order(id: id, at: arrival)
        case .cancelOrder(let id):
            return cancelOrder(id: id, at: arrival)
        case .metrics, .controlErrorRate, .controlSlowdown:
            preconditionFailure("plan(_:arrival:using:) answers /metrics and /control before any fault or override")
        }
    }

    /// `PUT /control/error-rate` with `0.5` or `50%` as the body: the injected error rate from the next request on;
    /// `PUT /control/slowdown` with `1.5`: latency and jitter multiplied from the next request on.
    /// A server that does not accept control answers as if the path did not exist.
    private func control(_ request: IncomingRequest) -> PlannedResponse {
        guard state.acceptsControl else { return .pathNotFound(request.path) }
        guard request.head.method == .PUT else {
            let body = ResponseBodies.error("method not allowed", ["method": request.head.method.rawValue, "allowed": "PUT"])
            return PlannedResponse(status: .methodNotAllowed, body: body, allow: "PUT")
        }
        if request.bodyTooLarge { return .rejecting(.tooLarge(limit: IncomingRequest.largestBody)) }
        let text = String(buffer: request.body)
        if case .route(.controlSlowdown) = request.routing {
            guard let factor = Double(text.trimmingCharacters(in: .whitespaces)), factor.isFinite, (0...1_000).contains(factor) else {
                return PlannedResponse(status: .badRequest, body: ResponseBodies.error("'\(text)' is not a factor from 0 to 1000, e.g. 1.5"))
            }
            state.faults.slowdown = factor
            return PlannedResponse(status: .ok, body: ResponseBodies.setting("slowdown", factor))
        }
        do {
            let rate = try ProportionText.parse(text)
            state.faults.errorRate = rate
            return PlannedResponse(status: .ok, body: ResponseBodies.setting("error_rate", rate))
        } catch {
            return PlannedResponse(status: .badRequest, body: ResponseBodies.error(error.description))
        }
    }
}
