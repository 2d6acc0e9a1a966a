/// The profit or loss an order books, in its symbol's quote currency, for the runbook's
/// `trading_pnl`: bought at its limit price or the ask (sold at its limit or the bid) quoted when
/// it is placed, marked at the mid quoted when it fills, times the quantity. The price model
/// drifts and jitters, so orders win and lose, and crossing the spread costs each one half of it:
/// a realistic small bleed a canary can be compared on. Booked when the order is placed, at the
/// price it will fill at (the model prices any instant), so no timer runs per order.
enum OrderPnL {
    static func booked(_ request: OrderRequest, placedAtMillis: Int64, fillsAtMillis: Int64,
                       using random: inout some RandomNumberGenerator) -> Double {
        let symbol = Substring(request.symbol)
        let placed = PriceModel.quote(symbol, atMillis: placedAtMillis, using: &random)
        let filled = PriceModel.quote(symbol, atMillis: fillsAtMillis, using: &random)
        let mark = (filled.bid + filled.ask) / 2
        switch request.side {
        case .buy: return (mark - (request.limitPrice ?? placed.ask)) * Double(request.quantity)
        case .sell: return ((request.limitPrice ?? placed.bid) - mark) * Double(request.quantity)
        }
    }
}
