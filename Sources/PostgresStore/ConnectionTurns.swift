/// Hands one connection to one operation at a time, in the order they asked: a transaction's
/// statements must not interleave with another task's on the same connection.
actor ConnectionTurns {
    private var taken = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Returns when the caller has the connection; it must call `release()` when done.
    func take() async {
        guard taken else {
            taken = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Passes the connection to the next waiting operation, if any.
    func release() {
        if waiting.isEmpty {
            taken = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
