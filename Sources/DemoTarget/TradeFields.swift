/// The fields of the trading endpoints' request bodies, each with the rule its value must meet.
enum TradeFields {
    /// The largest order quantity accepted: enough for any demo, and exact in every JSON reader's doubles.
    static let largestQuantity = 1_000_000_000

    static let symbol = FieldRule<String>(name: "symbol", requirement: PriceModel.symbolRequirement) { json in
        guard case .string(let text) = json, PriceModel.isValidSymbol(text[...]) else { return nil }
        return text
    }

    static let side = FieldRule<TradeSide>(name: "side", requirement: #""buy" or "sell""#) { json in
        guard case .string(let text) = json else { return nil }
        return TradeSide(rawValue: text)
    }

    static let quantity = FieldRule<Int>(
        name: "quantity", requirement: "a whole number from 1 to \(largestQuantity)"
    ) { json in
        guard case .number(let number) = json, number == number.rounded(),
            (1...Double(largestQuantity)).contains(number)
        else { return nil }
        return Int(number)
    }

    /// A reference to a signal, read as the signal's number; whether it exists is the ledger's question.
    static let signalID = FieldRule<Int>(name: "signal_id", requirement: #"a signal id such as "sig-1""#) { json in
        guard case .string(let text) = json else { return nil }
        return RecordIDFormat.signal.number(in: text)
    }

    static let limitPrice = FieldRule<Double>(name: "limit_price", requirement: "a positive number") { json in
        guard case .number(let number) = json, number > 0 else { return nil }
        return number
    }
}
