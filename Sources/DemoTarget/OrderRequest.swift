import NIOCore

/// A well-formed `POST /api/orders` body: `{"symbol":"EURUSD","side":"buy","quantity":1000}`, optionally with
/// `"signal_id":"sig-5"` and `"limit_price":1.0842`. Other fields are ignored.
struct OrderRequest: Sendable {
    static let example = #"{"symbol":"EURUSD","side":"buy","quantity":1000}"#

    let symbol: String
    let side: TradeSide
    let quantity: Int
    /// The number of the signal the order follows.
    let signalNumber: Int?
    let limitPrice: Double?

    /// Reads `body`, reporting the first field at fault in the order the fields are documented.
    init(body: ByteBuffer) throws(RequestBodyError) {
        let object = try JSONObjectBody(body, example: Self.example)
        symbol = try object.required(TradeFields.symbol)
        side = try object.required(TradeFields.side)
        quantity = try object.required(TradeFields.quantity)
        signalNumber = try object.optional(TradeFields.signalID)
        limitPrice = try object.optional(TradeFields.limitPrice)
    }
}
