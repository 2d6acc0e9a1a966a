import Synchronization

/// The orders placed with `POST /api/orders`. Only a count is kept: an order's details are derived from its
/// number, so placing and reading orders stays lock-free however many connections do it.
final class OrderLedger: Sendable {
    private let placed = Atomic<Int>(0)

    /// An order as `GET /api/orders/{id}` reports it.
    struct Order {
        let id: String
        let symbol: String
        let side: String
        let quantity: Int
    }

    /// Records a new order and returns its id, `ord-1`, `ord-2`, ….
    func place() -> String {
        let number = placed.wrappingAdd(1, ordering: .relaxed).newValue
        return "ord-\(number)"
    }

    /// The order with `id`, if it was placed.
    func order(id: Substring) -> Order? {
        let digits = id.dropFirst(4)
        guard id.hasPrefix("ord-"), digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let number = Int(digits), number >= 1,
            number <= placed.load(ordering: .relaxed)
        else { return nil }
        let symbols = ["EURUSD", "GBPUSD", "USDJPY", "XAUUSD"]
        return Order(
            id: String(id),
            symbol: symbols[number % symbols.count],
            side: number.isMultiple(of: 2) ? "sell" : "buy",
            quantity: 1_000 * (1 + number % 5)
        )
    }
}
