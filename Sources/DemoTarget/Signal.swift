/// A trading signal: a suggestion to buy or sell a symbol, with a strength.
struct Signal: Sendable {
    let number: Int
    let symbol: String
    let side: TradeSide
    /// How strongly the signal suggests the trade, in 0...1 with two decimals.
    let strength: Double
    /// Unix milliseconds.
    let createdAtMillis: Int64
}
