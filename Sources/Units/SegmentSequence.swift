/// The cut points that split a test into segments, shared by every process of the test (k6's
/// `--execution-segment-sequence`): `0, 1/4, 1/2, 1` is three segments. Which arrivals a
/// segment owns depends on the sequence's common denominator, so processes that must tile the
/// test exactly must agree on it; each derives it from the sequence alone, without talking.
public struct SegmentSequence: Sendable, Hashable, CustomStringConvertible {
    /// n equal shares are kept as n: `--segment i/n` may name up to a million of them.
    private enum Cuts: Hashable {
        case equalShares(Int)
        case points([Fraction])
    }

    private let cuts: Cuts
    /// The least common multiple of the points' denominators, at most
    /// `Fraction.maximumDenominator`: the length of the block in which every segment of the
    /// sequence owns exactly its share of the arrivals.
    public let commonDenominator: Int

    /// Reads `0,1/4,1/2,1`: fractions separated by commas, from 0 to 1, increasing.
    public init(parsing text: String) throws(SegmentSequenceError) {
        var points: [Fraction] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let point = Fraction(parsing: part) else { throw .notASequence(text, reason: "'\(part)' is not a fraction") }
            points.append(point)
        }
        guard points.first == .zero, points.last == .one else { throw .notASequence(text, reason: "it must start at 0 and end at 1") }
        guard zip(points, points.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .notASequence(text, reason: "its points must increase")
        }
        try self.init(points: points, text: text)
    }

    /// `count` equal segments: what `--segment i/n` means; nil unless 1 ≤ count ≤ the largest
    /// denominator.
    public init?(equalShares count: Int) {
        guard (1...Fraction.maximumDenominator).contains(count) else { return nil }
        cuts = .equalShares(count)
        commonDenominator = count
    }

    /// The sequence that cuts the test only where `segment` starts and ends: `{0, a, b, 1}`.
    public init(around segment: ExecutionSegment) throws(SegmentSequenceError) {
        var points: [Fraction] = [.zero]
        for point in [segment.start, segment.end, .one] where point != points.last { points.append(point) }
        try self.init(points: points, text: points.map(\.description).joined(separator: ","))
    }

    private init(points: [Fraction], text: String) throws(SegmentSequenceError) {
        var common = 1
        for point in points {
            common = common / Fraction.greatestCommonDivisor(common, point.denominator) * point.denominator
            guard common <= Fraction.maximumDenominator else { throw .denominatorTooLarge(text) }
        }
        cuts = .points(points)
        commonDenominator = common
    }

    /// The cut points: 0 first, 1 last, strictly increasing.
    public var points: [Fraction] {
        switch cuts {
        case .equalShares(let count): (0...count).map { Fraction($0, count)! }
        case .points(let points): points
        }
    }

    /// Whether `segment` starts and ends on this sequence's points.
    public func contains(_ segment: ExecutionSegment) -> Bool {
        switch cuts {
        case .equalShares(let count): count % segment.start.denominator == 0 && count % segment.end.denominator == 0
        case .points(let points): points.contains(segment.start) && points.contains(segment.end)
        }
    }

    /// The points separated by commas, as `init(parsing:)` reads them; more than 16 equal shares
    /// read `N equal shares` (a million points are not a label to print or store).
    public var description: String {
        if case .equalShares(let count) = cuts, count > 16 { return "\(count) equal shares" }
        return points.map(\.description).joined(separator: ",")
    }
}

/// Why a segment sequence cannot be used; the caller names the flag or variable.
public enum SegmentSequenceError: Error, Equatable, CustomStringConvertible {
    /// Not fractions from 0 to 1 in increasing order.
    case notASequence(String, reason: String)
    /// The points' common denominator is beyond `Fraction.maximumDenominator`.
    case denominatorTooLarge(String)
    /// The segment does not start and end on the sequence's points.
    case segmentNotInSequence(segment: String, sequence: String)

    public var description: String {
        switch self {
        case .notASequence(let text, let reason):
            "'\(text)' is not a segment sequence (\(reason)): give fractions from 0 to 1, e.g. 0,1/4,1/2,1"
        case .denominatorTooLarge(let text):
            "'\(text)' needs a common denominator above \(Fraction.maximumDenominator): use simpler fractions"
        case .segmentNotInSequence(let segment, let sequence):
            "the segment \(segment) does not start and end on the sequence \(sequence)"
        }
    }
}
