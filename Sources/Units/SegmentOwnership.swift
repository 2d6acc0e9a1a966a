/// Which of a test's numbered events (arrivals of its schedule, iterations: 0, 1, 2, …) one
/// segment sends, decided by each process from its segment and the shared sequence alone.
///
/// With D the sequence's common denominator and g the stride (coprime to D), event k sits at
/// position u(k) = (k·g mod D) / D and belongs to the segment whose [start, end) holds it,
/// compared in integers. Within every block of D consecutive events k·g mod D takes each value
/// of 0..<D once, so a segment owns exactly (end − start)·D of them: the segments of a sequence
/// tile the events exactly, and each owns its share of every block, spread through it (with
/// g near D·0.618, the golden ratio's low-discrepancy stride) rather than the first share of
/// the test. For `i/n` (D = n) a segment owns exactly every n-th event.
public struct SegmentOwnership: Sendable, Hashable {
    /// The segment.
    public let segment: ExecutionSegment
    /// D: the sequence's common denominator, the length of the block that repeats.
    public let blockLength: Int
    /// g: the multiplier that spreads a block's events over [0, 1).
    public let stride: Int
    /// The offsets r in 0..<D, increasing, of the events k = q·D + r this segment owns.
    private let ownedOffsets: [Int]

    /// The whole test: every event.
    public static let whole = SegmentOwnership(uncheckedSegment: .whole, sequence: SegmentSequence(equalShares: 1)!)

    /// `segment`'s events when the test is cut at `sequence`'s points; throws unless the segment
    /// starts and ends on them.
    public init(segment: ExecutionSegment, sequence: SegmentSequence) throws(SegmentSequenceError) {
        guard sequence.contains(segment) else {
            throw .segmentNotInSequence(segment: segment.description, sequence: sequence.description)
        }
        self.init(uncheckedSegment: segment, sequence: sequence)
    }

    private init(uncheckedSegment segment: ExecutionSegment, sequence: SegmentSequence) {
        let length = sequence.commonDenominator
        let stride = Self.stride(for: length)
        // start·D and end·D are integers: D is a multiple of both denominators.
        let low = segment.start.numerator * (length / segment.start.denominator)
        let high = segment.end.numerator * (length / segment.end.denominator)
        self.segment = segment
        blockLength = length
        self.stride = stride
        ownedOffsets = (0..<length).filter { (low..<high).contains($0 * stride % length) }
    }

    /// The stride for blocks of `length`: the number coprime to it nearest to length·0.618
    /// (rounded; the smaller first at equal distance), so consecutive events land far apart.
    static func stride(for length: Int) -> Int {
        let nearest = max(1, Int((Double(length) * 0.6180339887498949).rounded()))
        // 1 is coprime to every length, so the search ends by distance nearest − 1.
        for distance in 0..<nearest {
            for candidate in [nearest - distance, nearest + distance]
            where candidate >= 1 && Fraction.greatestCommonDivisor(candidate, length) == 1 {
                return candidate
            }
        }
        return 1
    }

    /// Events this segment owns in every block of `blockLength`.
    public var ownedPerBlock: Int { ownedOffsets.count }

    /// The segment's share of the events, end − start (for rates; never for deciding ownership).
    public var share: Double { Double(ownedOffsets.count) / Double(blockLength) }

    /// The number of the `index`-th (from 0) event this segment owns. O(1), no allocation: the
    /// engine calls it for every arrival.
    @inline(__always)
    public func number(ofOwned index: Int) -> Int {
        let perBlock = ownedOffsets.count
        return index / perBlock * blockLength + ownedOffsets[index % perBlock]
    }

    /// How many of the events 0..<total this segment owns.
    public func ownedCount(below total: Int) -> Int {
        let (blocks, rest) = total.quotientAndRemainder(dividingBy: blockLength)
        return blocks * ownedOffsets.count + ownedOffsets.partitioningIndex { $0 >= rest }
    }
}

extension Array where Element == Int {
    /// The index of the first element for which `belongsAfter` holds, in an array where it
    /// holds for a suffix (binary search).
    func partitioningIndex(where belongsAfter: (Int) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if belongsAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
