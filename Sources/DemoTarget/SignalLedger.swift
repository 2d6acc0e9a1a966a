import Synchronization

/// The signals: the fixed ones `GET /api/signals` lists, which are always there, and those `POST /api/signals`
/// creates, numbered after them and kept up to a capacity, oldest evicted first.
final class SignalLedger: Sendable {
    /// The signals `GET /api/signals` lists, `sig-1` to `sig-4`, dated at server start.
    let listed: [Signal]
    private let created: Mutex<RecentRecords<Signal>>

    init(capacity: Int, startMillis: Int64) {
        let fixed: [(symbol: String, side: TradeSide, strength: Double)] = [
            ("EURUSD", .buy, 0.73), ("GBPUSD", .sell, 0.41), ("USDJPY", .buy, 0.58), ("XAUUSD", .sell, 0.66),
        ]
        listed = fixed.enumerated().map { offset, signal in
            Signal(number: offset + 1, symbol: signal.symbol, side: signal.side, strength: signal.strength,
                   createdAtMillis: startMillis)
        }
        created = Mutex(RecentRecords(capacity: capacity, firstNumber: listed.count + 1))
    }

    /// Creates a signal for `symbol` at `nowMillis` (Unix time), pointing a random way with a random strength.
    func create(symbol: String, nowMillis: Int64, using random: inout some RandomNumberGenerator) -> Signal {
        let side: TradeSide = Bool.random(using: &random) ? .buy : .sell
        let strength = Double(Int.random(in: 0...100, using: &random)) / 100
        return created.withLock { records in
            records.append { number in
                Signal(number: number, symbol: symbol, side: side, strength: strength, createdAtMillis: nowMillis)
            }
        }
    }

    /// The signal numbered `number`, unless it was evicted or never created.
    func signal(_ number: Int) -> Signal? {
        if listed.indices.contains(number - 1) { return listed[number - 1] }
        return created.withLock { $0[number] }
    }
}
