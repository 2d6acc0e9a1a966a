/// An exact non-negative fraction in lowest terms, for execution segments: shares of a test
/// must add up to exactly 1, which floating point cannot promise.
public struct Fraction: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Numerator, ≥ 0.
    public let numerator: Int
    /// Denominator, ≥ 1.
    public let denominator: Int

    /// The largest denominator accepted: beyond it a "share" of a test is not a meaningful
    /// split, and products of denominators must stay far from overflow.
    public static let maximumDenominator = 1_000_000

    /// `numerator/denominator` in lowest terms; nil when the denominator is not positive, the
    /// numerator negative, or the denominator (reduced) above `maximumDenominator`.
    public init?(_ numerator: Int, _ denominator: Int) {
        guard denominator > 0, numerator >= 0 else { return nil }
        let divisor = Self.greatestCommonDivisor(numerator, denominator)
        guard denominator / divisor <= Self.maximumDenominator else { return nil }
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    /// 0 and 1.
    public static let zero = Fraction(0, 1)!, one = Fraction(1, 1)!

    /// `n`, `n/d` or `0`; nil for anything else.
    public init?(parsing text: Substring) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy(Self.isDigits),
              let numerator = Int(parts[0]), let denominator = parts.count == 2 ? Int(parts[1]) : 1
        else { return nil }
        self.init(numerator, denominator)
    }

    /// The value as a Double (for rates; never for deciding shares).
    public var value: Double { Double(numerator) / Double(denominator) }

    /// `n/d`, or `n` when the denominator is 1.
    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    /// ⌊fraction × count⌋, exact.
    public func floor(of count: Int) -> Int {
        denominator.dividingFullWidth(count.multipliedFullWidth(by: numerator)).quotient
    }

    static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return Swift.max(a, 1)
    }

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 9 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}

/// The share of a test one process sends: the interval [start, end) of [0, 1), as k6's
/// `--execution-segment`. Segments that tile [0, 1) together send the whole test exactly once.
public struct ExecutionSegment: Sendable, Hashable, CustomStringConvertible {
    /// Where the share starts, in [0, 1).
    public let start: Fraction
    /// Where it ends, in (start, 1].
    public let end: Fraction

    /// The whole test: what a process sends when it is not one of several.
    public static let whole = ExecutionSegment(uncheckedStart: .zero, end: .one)

    private init(uncheckedStart start: Fraction, end: Fraction) {
        self.start = start
        self.end = end
    }

    /// [start, end); nil unless 0 ≤ start < end ≤ 1.
    public init?(start: Fraction, end: Fraction) {
        guard start < end, end <= .one else { return nil }
        self.init(uncheckedStart: start, end: end)
    }

    /// The `index`-th (from 1) of `count` equal shares; nil unless 1 ≤ index ≤ count.
    public init?(index: Int, of count: Int) {
        guard count >= 1, (1...count).contains(index), let start = Fraction(index - 1, count), let end = Fraction(index, count)
        else { return nil }
        self.init(uncheckedStart: start, end: end)
    }

    /// Reads `i/n` (the i-th of n equal shares, from 1: `2/4` is [1/4, 2/4)) or `a:b` (the
    /// fractions themselves, as k6 spells them: `1/4:1/2`).
    public init(parsing text: String) throws(ExecutionSegmentError) {
        if let colon = text.firstIndex(of: ":") {
            guard let start = Fraction(parsing: text[..<colon]), let end = Fraction(parsing: text[text.index(after: colon)...])
            else { throw .notASegment(text) }
            guard let segment = ExecutionSegment(start: start, end: end) else { throw .emptyOrOutside(text) }
            self = segment
            return
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), index >= 0, count >= 0 else {
            throw .notASegment(text)
        }
        guard count >= 1, count <= Fraction.maximumDenominator, let segment = ExecutionSegment(index: index, of: count) else {
            throw .indexOutside(text)
        }
        self = segment
    }

    /// `start:end` in lowest terms, e.g. `1/4:1/2`: the stored form, which `init(parsing:)` reads back.
    public var description: String { "\(start):\(end)" }

    /// Whether this is the whole test.
    public var isWhole: Bool { self == .whole }

    /// The segment's share of `count` things (connections, virtual users, iterations):
    /// ⌊count·end⌋ − ⌊count·start⌋, so the shares of segments tiling [0, 1) add up to `count`
    /// exactly.
    public func share(of count: Int) -> Int { end.floor(of: count) - start.floor(of: count) }
}

/// Why a segment could not be read; the caller names the flag or variable.
public enum ExecutionSegmentError: Error, Equatable, CustomStringConvertible {
    /// Neither `i/n` nor `a:b`.
    case notASegment(String)
    /// `a:b` with a ≥ b or b > 1.
    case emptyOrOutside(String)
    /// `i/n` with i outside 1...n, or n beyond the largest denominator.
    case indexOutside(String)

    public var description: String {
        switch self {
        case .notASegment(let text):
            return "'\(text)' is not a segment: give i/n (the i-th of n equal shares, e.g. 2/4) or a:b (fractions, e.g. 1/4:1/2)"
        case .emptyOrOutside(let text):
            return "'\(text)' is not a share of the test: a:b needs 0 ≤ a < b ≤ 1"
        case .indexOutside(let text):
            return "'\(text)' has no such share: i/n needs 1 ≤ i ≤ n ≤ \(Fraction.maximumDenominator)"
        }
    }
}

extension ExecutionSegment: Codable {
    /// Encodes as its description, `start:end`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes `start:end` (or `i/n`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try ExecutionSegment(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}
