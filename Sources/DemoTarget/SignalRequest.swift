import NIOCore

/// A well-formed `POST /api/signals` body: `{"symbol":"EURUSD"}`. Other fields, such as `strategy`, are ignored.
struct SignalRequest: Sendable {
    static let example = #"{"symbol":"EURUSD"}"#

    let symbol: String

    init(body: ByteBuffer) throws(RequestBodyError) {
        symbol = try JSONObjectBody(body, example: Self.example).required(TradeFields.symbol)
    }
}
