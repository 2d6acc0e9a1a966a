import NIOCore

/// The latest records of a sequence numbered from `firstNumber` up: once `capacity` are kept, each new one
/// evicts the oldest, so memory stays flat however long a load test runs. Numbers are never reused, so an
/// evicted record's id names nothing rather than someone else's record.
///
/// Records are kept in number order, which makes a lookup an offset from the oldest rather than a hash.
struct RecentRecords<Record> {
    /// The most records kept.
    let capacity: Int
    private var kept: CircularBuffer<Record>
    /// The number the next record gets.
    private var nextNumber: Int

    init(capacity: Int, firstNumber: Int = 1) {
        precondition(capacity >= 1, "keeping no record would make every id unreadable")
        self.capacity = capacity
        // Grows as records come, so a large capacity costs nothing until it is used.
        kept = CircularBuffer(initialCapacity: min(capacity, 1_024))
        nextNumber = firstNumber
    }

    /// Keeps the record `make` builds from the next number, evicting the oldest when full, and returns it.
    mutating func append(_ make: (_ number: Int) -> Record) -> Record {
        let record = make(nextNumber)
        nextNumber += 1
        if kept.count == capacity {
            kept.removeFirst()
        }
        kept.append(record)
        return record
    }

    /// The record numbered `number`, unless it was evicted or is yet to come.
    subscript(number: Int) -> Record? {
        position(of: number).map { kept[$0] }
    }

    /// Changes the record numbered `number` in place and returns what `change` returns; `nil` if it is not kept.
    mutating func update<Result>(_ number: Int, _ change: (inout Record) -> Result) -> Result? {
        guard let position = position(of: number) else { return nil }
        return change(&kept[position])
    }

    private func position(of number: Int) -> CircularBuffer<Record>.Index? {
        let offset = number - (nextNumber - kept.count)
        guard offset >= 0, offset < kept.count else { return nil }
        return kept.index(kept.startIndex, offsetBy: offset)
    }
}
