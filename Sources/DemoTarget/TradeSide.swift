/// Which way a signal points or an order trades.
enum TradeSide: String, Sendable {
    case buy
    case sell
}
