import NIOCore

/// An order as the ledger keeps it: what was asked for, when it was placed, and whether it was cancelled.
struct Order: Sendable {
    let number: Int
    let request: OrderRequest
    /// Unix milliseconds.
    let createdAtMillis: Int64
    /// When the order fills unless cancelled first: statuses are computed from it when read, so no timer
    /// runs per order.
    let fillsAt: NIODeadline
    /// `fillsAt` in Unix milliseconds, as `filled_at` reports it.
    let fillsAtMillis: Int64
    /// Unix milliseconds; `nil` while the order stands.
    var cancelledAtMillis: Int64?

    /// The order's status at `now`.
    func status(at now: NIODeadline) -> OrderStatus {
        if let cancelledAtMillis { return .cancelled(atMillis: cancelledAtMillis) }
        return now >= fillsAt ? .filled(atMillis: fillsAtMillis) : .new
    }
}

/// Where an order is in its life: `new` until its fill delay has passed, then `filled`; `cancelled` if it
/// was deleted while still new. Times are Unix milliseconds.
enum OrderStatus: Equatable, Sendable {
    case new
    case filled(atMillis: Int64)
    case cancelled(atMillis: Int64)

    /// The status as responses spell it.
    var name: String {
        switch self {
        case .new: "new"
        case .filled: "filled"
        case .cancelled: "cancelled"
        }
    }
}
