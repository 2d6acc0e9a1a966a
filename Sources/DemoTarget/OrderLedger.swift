import NIOCore
import Synchronization

/// The orders placed with `POST /api/orders`, numbered from 1 and kept up to a capacity, oldest evicted first.
/// One lock guards them: each holder only appends, looks up or flips one order, so event loop threads wait on
/// each other for no more than that.
final class OrderLedger: Sendable {
    /// What cancelling an order came to.
    enum Cancellation {
        /// The order is cancelled: just now, or by an earlier request.
        case cancelled(Order)
        /// The order filled before the request came; it stays filled.
        case alreadyFilled
        /// No order has that number, or it was evicted.
        case notFound
    }

    private let fillAfter: TimeAmount
    private let orders: Mutex<RecentRecords<Order>>

    init(capacity: Int, fillAfter: Duration) {
        self.fillAfter = TimeAmount(fillAfter)
        orders = Mutex(RecentRecords(capacity: capacity))
    }

    /// Places an order that arrived at `arrival`, `nowMillis` in Unix time; it fills `fillAfter` later.
    func place(_ request: OrderRequest, at arrival: NIODeadline, nowMillis: Int64) -> Order {
        let fillsAt = arrival + fillAfter
        let fillsAtMillis = nowMillis + fillAfter.nanoseconds / 1_000_000
        return orders.withLock { records in
            records.append { number in
                Order(number: number, request: request, createdAtMillis: nowMillis, fillsAt: fillsAt,
                      fillsAtMillis: fillsAtMillis)
            }
        }
    }

    /// The order numbered `number`, unless it was evicted or never placed.
    func order(_ number: Int) -> Order? {
        orders.withLock { $0[number] }
    }

    /// Cancels order `number` unless it has filled by `now` (`nowMillis` in Unix time). Cancelling a cancelled
    /// order changes nothing, so a retried `DELETE` gets the same answer.
    func cancel(_ number: Int, at now: NIODeadline, nowMillis: Int64) -> Cancellation {
        orders.withLock { records in
            records.update(number) { order in
                switch order.status(at: now) {
                case .filled:
                    return .alreadyFilled
                case .new:
                    order.cancelledAtMillis = nowMillis
                    return .cancelled(order)
                case .cancelled:
                    return .cancelled(order)
                }
            } ?? .notFound
        }
    }
}
