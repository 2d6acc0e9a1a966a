import Foundation

/// perfkit's one timestamp format: ISO 8601 in UTC, `2026-05-01T12:00:00Z`, with the
/// fractional digits its `TimestampPrecision` says. Every time perfkit shows or writes goes
/// through `string(from:precision:)`.
///
/// Whole seconds are what people and summaries read. The store and exports keep nine
/// fractional digits (`2026-05-01T12:00:00.123456789Z`), a form that serves three readers:
/// sqlite3's date functions parse it, text order is time order (so `ORDER BY started_at`
/// works), and it is exact: `Date` is a `Double` of seconds since 2001 whose resolution is
/// coarser than a nanosecond for any date more than a few months away from 2001, so a stored
/// run reads back equal to the one saved. `JSONEncoder`'s `.iso8601` keeps whole seconds only,
/// and epoch `REAL`s would round on the 1970 offset.
public enum Timestamp {
    /// Seconds from 1970-01-01 to 2001-01-01, the reference date of `Date`.
    private static let referenceDateOffset: Int64 = 978_307_200

    /// `date` as ISO 8601 UTC to `precision` (a shorter precision truncates, as clocks do).
    public static func string(from date: Date, precision: TimestampPrecision) -> String {
        // A clock never yields a NaN or out-of-calendar Date; clamp rather than trap.
        let raw = date.timeIntervalSinceReferenceDate
        let interval = raw.isNaN ? 0 : min(max(raw, Date.distantPast.timeIntervalSinceReferenceDate),
                                           Date.distantFuture.timeIntervalSinceReferenceDate)
        let whole = interval.rounded(.down)
        var nanoseconds = Int64(((interval - whole) * 1e9).rounded())
        var unixSeconds = Int64(whole) + referenceDateOffset
        if nanoseconds == 1_000_000_000 {
            nanoseconds = 0
            unixSeconds += 1
        }
        var time = time_t(unixSeconds)
        var fields = tm()
        gmtime_r(&time, &fields)
        let seconds = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(fields.tm_year) + 1900, Int(fields.tm_mon) + 1,
                             Int(fields.tm_mday), Int(fields.tm_hour), Int(fields.tm_min), Int(fields.tm_sec))
        switch precision {
        case .seconds: return seconds + "Z"
        case .nanoseconds: return seconds + String(format: ".%09dZ", Int(nanoseconds))
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with up to nine fractional digits;
    /// nil for anything else.
    public static func date(from text: String) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2), scanner.skip("T") || scanner.skip(" "),
              let hour = scanner.number(digits: 2), scanner.skip(":"),
              let minute = scanner.number(digits: 2), scanner.skip(":"),
              let second = scanner.number(digits: 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else {
            return nil
        }
        var nanoseconds: Int64 = 0
        if scanner.skip(".") {
            guard let fraction = scanner.fraction() else { return nil }
            nanoseconds = fraction
        }
        var offsetSeconds: Int64 = 0
        if !scanner.skip("Z") {
            let sign: Int64 = scanner.skip("+") ? 1 : scanner.skip("-") ? -1 : 0
            guard sign != 0, let offsetHours = scanner.number(digits: 2), scanner.skip(":"),
                  let offsetMinutes = scanner.number(digits: 2), offsetHours < 24, offsetMinutes < 60 else {
                return nil
            }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard scanner.isAtEnd else { return nil }

        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        let unixSeconds = Int64(timegm(&fields)) - offsetSeconds
        // Whole seconds and the fraction are added once, so the sum rounds to the Double saved.
        return Date(timeIntervalSinceReferenceDate: Double(unixSeconds - referenceDateOffset) + Double(nanoseconds) / 1e9)
    }
}

/// How many fractional digits of a second a `Timestamp` carries.
public enum TimestampPrecision: Sendable {
    /// None: `2026-05-01T12:00:00Z`, for summaries, listings and reports.
    case seconds
    /// Nine: `2026-05-01T12:00:00.123456789Z`, for the store and exports, which must read back exactly.
    case nanoseconds
}

/// Reads fixed-width ASCII numbers and punctuation, for `Timestamp`.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// Consumes `character` when it comes next.
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: character) else { return false }
        offset += 1
        return true
    }

    /// Exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int64? {
        guard offset + digits <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[offset..<offset + digits] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        offset += digits
        return value
    }

    /// One to nine fractional digits, as nanoseconds.
    mutating func fraction() -> Int64? {
        var value: Int64 = 0
        var digits = 0
        while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
            guard digits < 9 else { return nil }
            value = value * 10 + Int64(bytes[offset] - UInt8(ascii: "0"))
            digits += 1
            offset += 1
        }
        guard digits > 0 else { return nil }
        for _ in digits..<9 { value *= 10 }
        return value
    }
}
