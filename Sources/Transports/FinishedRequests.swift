/// The requests a native transport finished since its worker last collected, handed over in the
/// order they finished. A request that finishes while they are being handed over (a new one that
/// fails at once) waits for the next collection.
final class FinishedRequests {
    private struct Entry {
        var slot: Int
        var outcome: SlotOutcome
        var at: Int64
    }

    private var pending: [Entry] = []
    private var delivering: [Entry] = []

    /// Room for `capacity` requests before either list grows.
    init(capacity: Int) {
        pending.reserveCapacity(capacity)
        delivering.reserveCapacity(capacity)
    }

    /// Whether none is waiting to be handed over.
    var isEmpty: Bool { pending.isEmpty }

    /// `slot`'s request ended with `outcome` at the monotonic instant `at`.
    func append(slot: Int, _ outcome: SlotOutcome, at: Int64) {
        pending.append(Entry(slot: slot, outcome: outcome, at: at))
    }

    /// Hands each waiting request to `deliver`.
    func deliver(_ deliver: (Int, SlotOutcome, Int64) -> Void) {
        guard !pending.isEmpty else { return }
        swap(&pending, &delivering)
        for entry in delivering { deliver(entry.slot, entry.outcome, entry.at) }
        delivering.removeAll(keepingCapacity: true)
    }
}
