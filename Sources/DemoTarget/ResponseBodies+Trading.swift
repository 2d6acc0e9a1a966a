import NIOCore

/// The bodies of the trading endpoints: signals and orders, written field by field.
extension ResponseBodies {
    /// `{"id":"sig-5","symbol":"EURUSD","side":"buy","strength":0.73,"created_at":1700000000000}`.
    static func signal(_ signal: Signal) -> ByteBuffer {
        var body = allocator.buffer(capacity: 112)
        body.writeSignal(signal)
        return body
    }

    /// `{"signals":[…]}`, each element as `signal(_:)` writes it.
    static func signalList(_ signals: [Signal]) -> ByteBuffer {
        var body = allocator.buffer(capacity: 16 + 112 * signals.count)
        body.writeStaticString(#"{"signals":["#)
        for (index, signal) in signals.enumerated() {
            if index > 0 { body.writeStaticString(",") }
            body.writeSignal(signal)
        }
        body.writeStaticString("]}")
        return body
    }

    /// `{"id":"ord-7","status":"new","symbol":"EURUSD","side":"buy","quantity":1000,"created_at":…}`, with
    /// `signal_id` and `limit_price` when the order gave them, and `filled_at` or `cancelled_at` once it has
    /// that status. Times are Unix milliseconds.
    static func order(_ order: Order, status: OrderStatus) -> ByteBuffer {
        let request = order.request
        var body = allocator.buffer(capacity: 192)
        body.writeStaticString(#"{"id":"#)
        body.writeRecordID(order.number, .order)
        body.writeStaticString(#","status":"#)
        body.writeJSONString(status.name)
        body.writeStaticString(#","symbol":"#)
        body.writeJSONString(request.symbol)
        body.writeStaticString(#","side":"#)
        body.writeJSONString(request.side.rawValue)
        body.writeStaticString(#","quantity":"#)
        body.writeJSONNumber(request.quantity)
        if let signalNumber = request.signalNumber {
            body.writeStaticString(#","signal_id":"#)
            body.writeRecordID(signalNumber, .signal)
        }
        if let limitPrice = request.limitPrice {
            body.writeStaticString(#","limit_price":"#)
            body.writeJSONNumber(limitPrice)
        }
        body.writeStaticString(#","created_at":"#)
        body.writeJSONNumber(order.createdAtMillis)
        switch status {
        case .new:
            break
        case .filled(let millis):
            body.writeStaticString(#","filled_at":"#)
            body.writeJSONNumber(millis)
        case .cancelled(let millis):
            body.writeStaticString(#","cancelled_at":"#)
            body.writeJSONNumber(millis)
        }
        body.writeStaticString("}")
        return body
    }
}

extension ByteBuffer {
    fileprivate mutating func writeSignal(_ signal: Signal) {
        writeStaticString(#"{"id":"#)
        writeRecordID(signal.number, .signal)
        writeStaticString(#","symbol":"#)
        writeJSONString(signal.symbol)
        writeStaticString(#","side":"#)
        writeJSONString(signal.side.rawValue)
        writeStaticString(#","strength":"#)
        writeJSONNumber(signal.strength, decimals: 2)
        writeStaticString(#","created_at":"#)
        writeJSONNumber(signal.createdAtMillis)
        writeStaticString("}")
    }

    /// Writes the id of record `number` as a JSON string, such as `"ord-7"`, without building the `String`.
    fileprivate mutating func writeRecordID(_ number: Int, _ format: RecordIDFormat) {
        writeInteger(UInt8(ascii: "\""))
        writeString(format.prefix)
        writeJSONNumber(number)
        writeInteger(UInt8(ascii: "\""))
    }
}
