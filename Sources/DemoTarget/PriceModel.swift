/// A quote for one symbol at one instant.
struct PriceQuote {
    let symbol: Substring
    let bid: Double
    let ask: Double
    /// The decimals the market quotes this symbol with.
    let decimals: Int
    let timestampMillis: Int64
}

/// Prices that look like a market: each symbol has a stable level (well-known pairs near their real
/// level, others derived from the name), drifting slowly with time plus a little noise per quote.
enum PriceModel {
    /// What a symbol must be, as error messages put it.
    static let symbolRequirement = "1 to 12 uppercase letters or digits, e.g. EURUSD"

    /// Whether `symbol` can be quoted: 1 to 12 uppercase ASCII letters or digits.
    static func isValidSymbol(_ symbol: Substring) -> Bool {
        (1...12).contains(symbol.utf8.count)
            && symbol.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
    }

    static func quote(
        _ symbol: Substring, atMillis now: Int64, using random: inout some RandomNumberGenerator
    ) -> PriceQuote {
        let level = knownLevels[symbol] ?? derivedLevel(symbol)
        let mid = level * (1 + 0.001 * drift(atMillis: now) + 0.0001 * Double.random(in: -1...1, using: &random))
        let decimals = level < 10 ? 5 : level < 1_000 ? 3 : 2
        let tick = 1 / power(of10: decimals)
        let halfSpread = max(mid * 0.00009, tick / 2)
        return PriceQuote(
            symbol: symbol,
            bid: ((mid - halfSpread) / tick).rounded(.down) * tick,
            ask: ((mid + halfSpread) / tick).rounded(.up) * tick,
            decimals: decimals,
            timestampMillis: now
        )
    }

    private static let knownLevels: [Substring: Double] = [
        "EURUSD": 1.0842, "GBPUSD": 1.2675, "AUDUSD": 0.6583, "USDCHF": 0.9021,
        "USDJPY": 151.42, "XAUUSD": 2330.5, "BTCUSD": 67_250,
    ]

    /// A level in 0.5...200.5 from an FNV-1a hash of the name, the same in every process.
    private static func derivedLevel(_ symbol: Substring) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in symbol.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return 0.5 + Double(hash % 20_000) / 100
    }

    /// A triangle wave in -1...1 with a one-minute period, so successive quotes move rather than jump.
    private static func drift(atMillis now: Int64) -> Double {
        let phase = Double(now % 60_000) / 60_000
        return 4 * abs(phase - 0.5) - 1
    }

    private static func power(of10 exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
