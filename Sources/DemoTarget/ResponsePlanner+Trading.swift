import Units
import NIOCore

/// The trading endpoints: creating and reading signals; placing, reading and cancelling orders.
extension ResponsePlanner {
    func createSignal(from body: ByteBuffer, using random: inout SplitMix64) -> PlannedResponse {
        let request: SignalRequest
        do {
            request = try SignalRequest(body: body)
        } catch {
            return .rejecting(error)
        }
        let signal = state.signals.create(symbol: request.symbol, nowMillis: UnixClock.milliseconds(), using: &random)
        state.metrics.signalsGenerated.increment()
        return .created(ResponseBodies.signal(signal), at: RecordIDFormat.signal.location(signal.number))
    }

    func signal(id: Substring) -> PlannedResponse {
        guard let signal = RecordIDFormat.signal.number(in: id).flatMap(state.signals.signal) else {
            return .recordNotFound("signal not found", id: id)
        }
        return PlannedResponse(status: .ok, body: ResponseBodies.signal(signal))
    }

    func placeOrder(from body: ByteBuffer, arrival: NIODeadline, using random: inout SplitMix64) -> PlannedResponse {
        let request: OrderRequest
        do {
            request = try OrderRequest(body: body)
            try checkSignal(of: request)
        } catch {
            return .rejecting(error)
        }
        let order = state.orders.place(request, at: arrival, nowMillis: UnixClock.milliseconds())
        state.metrics.ordersCreated.increment()
        state.metrics.tradingPnL.increment(by: OrderPnL.booked(request, placedAtMillis: order.createdAtMillis,
                                                               fillsAtMillis: order.fillsAtMillis, using: &random))
        let body = ResponseBodies.order(order, status: order.status(at: arrival))
        return .created(body, at: RecordIDFormat.order.location(order.number))
    }

    func order(id: Substring, at arrival: NIODeadline) -> PlannedResponse {
        guard let order = RecordIDFormat.order.number(in: id).flatMap(state.orders.order) else {
            return .recordNotFound("order not found", id: id)
        }
        return PlannedResponse(status: .ok, body: ResponseBodies.order(order, status: order.status(at: arrival)))
    }

    func cancelOrder(id: Substring, at arrival: NIODeadline) -> PlannedResponse {
        let cancellation = RecordIDFormat.order.number(in: id).map { number in
            state.orders.cancel(number, at: arrival, nowMillis: UnixClock.milliseconds())
        }
        switch cancellation ?? .notFound {
        case .cancelled(let order):
            return PlannedResponse(status: .ok, body: ResponseBodies.order(order, status: order.status(at: arrival)))
        case .alreadyFilled:
            let message = "order already filled; only a new order can be cancelled"
            return PlannedResponse(
                status: .conflict, body: ResponseBodies.error(message, ["id": String(id), "status": "filled"]))
        case .notFound:
            return .recordNotFound("order not found", id: id)
        }
    }

    /// Refuses an order that follows a signal the ledger does not have, or one for another symbol.
    private func checkSignal(of request: OrderRequest) throws(RequestBodyError) {
        guard let number = request.signalNumber else { return }
        let id = RecordIDFormat.signal.id(number)
        guard let signal = state.signals.signal(number) else { throw .unknownSignal(id: id) }
        guard signal.symbol == request.symbol else {
            throw .signalForAnotherSymbol(id: id, signalSymbol: signal.symbol, orderSymbol: request.symbol)
        }
    }
}
