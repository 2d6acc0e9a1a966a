/// Parsing and printing of durations as people write them on a command line or in a URL:
/// a bare number means seconds (`300`, `0.5`), otherwise a number with a unit
/// (`500ms`, `30s`, `5m`, `1h`, `250us`), and units may be chained as in Go (`1m30s`).
public enum DurationText {
    /// Why a duration could not be read.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case malformed(String)
        case unknownUnit(unit: String, in: String)
        case negative(String)
        case tooLarge(String)

        public var description: String {
            switch self {
            case .empty:
                return "empty duration; expected a number of seconds or a value with a unit, e.g. 300, 500ms, 30s, 5m"
            case .malformed(let text):
                return "'\(text)' is not a duration; expected e.g. 300, 500ms, 30s, 5m or 1m30s"
            case .unknownUnit(let unit, let text):
                return "unknown unit '\(unit)' in '\(text)'; use ns, us, ms, s, m or h"
            case .negative(let text):
                return "'\(text)' is negative; durations must be zero or more"
            case .tooLarge(let text):
                return "'\(text)' is too long; durations go up to \(Int(DurationText.largestSeconds / 86_400)) days"
            }
        }
    }

    /// Reads `text` as a duration.
    public static func parse(_ text: String) throws(ParseError) -> Duration {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed.hasPrefix("-") { throw .negative(trimmed) }
        // Only plain decimals: Double(_:) alone would also read "1e30", "0x1p80" and "inf".
        guard trimmed.allSatisfy({ ($0.isASCII && ($0.isNumber || $0.isLetter || $0 == ".")) || $0 == "µ" }) else {
            throw .malformed(trimmed)
        }
        var totalNanoseconds: Double = 0
        if trimmed.allSatisfy({ $0.isNumber || $0 == "." }) {
            guard let seconds = Double(trimmed) else { throw .malformed(trimmed) }
            totalNanoseconds = seconds * 1e9
        } else {
            var rest = Substring(trimmed)
            while !rest.isEmpty {
                let number = rest.prefix { $0.isNumber || $0 == "." }
                guard !number.isEmpty, let value = Double(number) else { throw .malformed(trimmed) }
                rest = rest.dropFirst(number.count)
                let unit = rest.prefix { !$0.isNumber && $0 != "." }
                guard !unit.isEmpty else { throw .malformed(trimmed) }
                rest = rest.dropFirst(unit.count)
                guard let scale = nanosecondsPerUnit[String(unit)] else {
                    throw .unknownUnit(unit: String(unit), in: trimmed)
                }
                totalNanoseconds += value * scale
            }
        }
        // Far below Int64's nanosecond limit, so the conversion below can never trap.
        guard totalNanoseconds <= largestSeconds * 1e9 else { throw .tooLarge(trimmed) }
        return .nanoseconds(Int64(totalNanoseconds.rounded()))
    }

    /// The longest duration accepted: a year.
    public static let largestSeconds: Double = 365 * 86_400

    /// Prints `duration` compactly with three significant digits: `84µs`, `1.25ms`, `2.50s`.
    public static func format(_ duration: Duration) -> String {
        formatMicroseconds(duration.microseconds)
    }

    /// Prints a latency given in microseconds, as `format(_:)` does.
    public static func formatMicroseconds(_ microseconds: Double) -> String {
        switch microseconds {
        case ..<1_000: return "\(significant(microseconds))µs"
        case ..<1_000_000: return "\(significant(microseconds / 1_000))ms"
        case ..<60_000_000: return "\(significant(microseconds / 1_000_000))s"
        default: return "\(significant(microseconds / 60_000_000))m"
        }
    }

    private static let nanosecondsPerUnit: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]

    private static func significant(_ value: Double) -> String {
        let decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2
        return fixed(value, decimals: decimals)
    }
}

extension Duration {
    /// The duration in microseconds, with fractions.
    public var microseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    }

    /// The duration in seconds, with fractions.
    public var seconds: Double { microseconds / 1e6 }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
