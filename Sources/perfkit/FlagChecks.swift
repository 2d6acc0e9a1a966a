import ArgumentParser
import Units

// Range checks for flag values, run in `validate()` so a value out of range exits 2 naming its
// flag before anything is allocated or sent. The upper limits are `LoadLimits` (README, "Limits").

/// Throws a usage error naming `flag` unless `value` is more than zero and at most `limit`.
func requirePositive(_ value: Double, flag: String, atMost limit: Double) throws {
    guard value > 0, value.isFinite else { throw ValidationError("\(flag) must be more than 0 (got \(value))") }
    try requireAtMost(value, flag: flag, limit: limit)
}

/// Throws a usage error naming `flag` unless `value` is zero or more and at most `limit`.
func requireZeroOrMore(_ value: Double, flag: String, atMost limit: Double) throws {
    guard value >= 0, value.isFinite else { throw ValidationError("\(flag) must be zero or more (got \(value))") }
    try requireAtMost(value, flag: flag, limit: limit)
}

/// Throws a usage error naming `flag` unless `value` is more than zero and at most `limit`.
func requirePositive(_ value: Duration, flag: String, atMost limit: Duration) throws {
    guard value > .zero else { throw ValidationError("\(flag) must be more than 0") }
    try requireAtMost(value, flag: flag, limit: limit)
}

/// Throws a usage error naming `flag` unless `value` is at most `limit`.
func requireAtMost(_ value: Duration, flag: String, limit: Duration) throws {
    guard value <= limit else {
        throw ValidationError("\(flag) must be at most \(Int(limit.seconds))s (got \(DurationText.format(value)))")
    }
}

/// Throws a usage error naming `flag` unless `value` is within `range`.
func requireCount(_ value: Int, flag: String, in range: ClosedRange<Int>) throws {
    guard value >= range.lowerBound else { throw ValidationError("\(flag) must be at least \(range.lowerBound) (got \(value))") }
    guard value <= range.upperBound else { throw ValidationError("\(flag) must be at most \(range.upperBound) (got \(value))") }
}

private func requireAtMost(_ value: Double, flag: String, limit: Double) throws {
    guard value <= limit else { throw ValidationError("\(flag) must be at most \(Int(limit)) (got \(value))") }
}
