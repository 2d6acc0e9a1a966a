import Units

/// Reads a per-request duration with `DurationText.parse`, first refusing text whose value could not fit
/// in `Duration`'s nanoseconds: `DurationText.parse` converts with `Int64(_:)`, which traps on overflow,
/// and a query string must never be able to crash the server.
enum BoundedDurationText {
    /// Why a duration from a request was refused.
    enum Refusal: Error, CustomStringConvertible {
        case unreadable(DurationText.ParseError)
        case tooLarge(String)

        var description: String {
            switch self {
            case .unreadable(let error): return error.description
            case .tooLarge(let text): return "'\(text)' is too large a delay; write e.g. 2s or 250ms"
            }
        }
    }

    /// Numbers adding up to less than this stay within `Int64` nanoseconds even if every unit were hours.
    private static let largestNumberSum = 2_000_000.0

    private static let allowedCharacters = Set("0123456789. nsuµmh")

    static func parse(_ text: String) throws(Refusal) -> Duration {
        // Letters outside the units would let `Double(_:)` read exponents or hex floats ("1e30", "0x1p80").
        guard text.allSatisfy(allowedCharacters.contains) else {
            throw .unreadable(.malformed(text))
        }
        let numbers = text.split { !$0.isNumber && $0 != "." }.compactMap { Double($0) }
        guard numbers.reduce(0, +) < largestNumberSum else { throw .tooLarge(text) }
        do {
            return try DurationText.parse(text)
        } catch {
            throw .unreadable(error)
        }
    }
}
