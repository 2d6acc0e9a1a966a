import Testing
import Units

/// Segments of a sequence own each numbered event exactly once, their exact share of every
/// block, spread through the test; sequences are read and refused with a reason.
struct SegmentOwnershipTests {
    /// Equal shares and uneven sequences, including ones whose points have different denominators.
    static let sequences: [SegmentSequence] = [1, 2, 3, 4, 5, 7, 8, 10, 16, 64, 100].map { SegmentSequence(equalShares: $0)! }
        + ["0,1/4,1/2,1", "0,1/3,1/2,1", "0,1/10,7/10,1", "0,1/6,1/3,1/2,2/3,5/6,1", "0,999/1000,1"].map { try! SegmentSequence(parsing: $0) }

    static func ownerships(of sequence: SegmentSequence) throws -> [SegmentOwnership] {
        try zip(sequence.points, sequence.points.dropFirst()).map { start, end in
            try SegmentOwnership(segment: #require(ExecutionSegment(start: start, end: end)), sequence: sequence)
        }
    }

    @Test(arguments: sequences)
    func segmentsOwnEveryEventExactlyOnce(sequence: SegmentSequence) throws {
        let ownerships = try Self.ownerships(of: sequence)
        for total in [0, 1, 2, 3, sequence.commonDenominator - 1, sequence.commonDenominator, 997, 2 * sequence.commonDenominator + 1] {
            var owners = Array(repeating: 0, count: max(total, 0))
            for ownership in ownerships {
                for index in 0..<ownership.ownedCount(below: total) { owners[ownership.number(ofOwned: index)] += 1 }
            }
            #expect(owners.allSatisfy { $0 == 1 }, "\(sequence), \(total) events: owners \(owners.prefix(20))")
        }
    }

    @Test(arguments: sequences)
    func everyWindowOfABlockHoldsExactlyTheShare(sequence: SegmentSequence) throws {
        let length = sequence.commonDenominator
        for ownership in try Self.ownerships(of: sequence) {
            let exact = ownership.segment.share(of: length)
            #expect(ownership.ownedPerBlock == exact)
            let owned = Set((0..<ownership.ownedCount(below: 3 * length)).map(ownership.number(ofOwned:)))
            // Any D consecutive events, not only the aligned blocks: the share is spread, never
            // bunched at one end of the test.
            for first in stride(from: 0, through: 2 * length, by: max(1, length / 7)) {
                #expect((first..<first + length).filter(owned.contains).count == exact, "\(ownership.segment) from \(first)")
            }
            #expect(ownership.ownedCount(below: 5 * length) == 5 * exact)
        }
    }

    @Test(arguments: [2, 3, 4, 7, 10, 64])
    func anEqualShareOwnsEveryNthEvent(count: Int) throws {
        for ownership in try Self.ownerships(of: SegmentSequence(equalShares: count)!) {
            let numbers = (0..<20).map(ownership.number(ofOwned:))
            #expect(numbers.first! < count)
            #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $1 - $0 == count }, "\(ownership.segment): \(numbers)")
            for total in 0...(3 * count) {
                #expect(abs(Double(ownership.ownedCount(below: total)) - Double(total) / Double(count)) < 1)
            }
        }
    }

    @Test func theWholeTestOwnsEveryNumberAsItIs() {
        #expect((0..<50).map(SegmentOwnership.whole.number(ofOwned:)) == Array(0..<50))
        #expect(SegmentOwnership.whole.ownedCount(below: 1_234) == 1_234)
        #expect(SegmentOwnership.whole.share == 1)
    }

    @Test func theDefaultSequenceCutsOnlyAtTheSegment() throws {
        let sequence = try SegmentSequence(around: ExecutionSegment(parsing: "1/3:1/2"))
        #expect(sequence.description == "0,1/3,1/2,1")
        #expect(sequence.commonDenominator == 6)
        #expect(try SegmentSequence(around: ExecutionSegment(parsing: "0:1")).description == "0,1")
        #expect(try SegmentSequence(around: ExecutionSegment(parsing: "1/2:1")).description == "0,1/2,1")
    }

    @Test(arguments: [
        ("0,1/2", "must start at 0 and end at 1"), ("1/4,1", "must start at 0 and end at 1"), ("0,1/2,1/4,1", "must increase"),
        ("0,1/2,1/2,1", "must increase"), ("0,x,1", "'x' is not a fraction"), ("", "'' is not a fraction"), ("0,,1", "'' is not a fraction"),
        ("0,1/999983,1/999979,1", "common denominator"), ("0, 1/2,1", "' 1/2' is not a fraction"),
    ])
    func refusesWhatIsNotASequence(text: String, reason: String) {
        let error = #expect(throws: SegmentSequenceError.self) { try SegmentSequence(parsing: text) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }

    @Test func refusesASegmentThatDoesNotFallOnTheSequence() throws {
        let sequence = try SegmentSequence(parsing: "0,1/4,1/2,1")
        #expect(throws: SegmentSequenceError.segmentNotInSequence(segment: "1/3:1/2", sequence: "0,1/4,1/2,1")) {
            try SegmentOwnership(segment: ExecutionSegment(parsing: "1/3:1/2"), sequence: sequence)
        }
        // A segment spanning several of the sequence's segments is their union: still exact.
        let union = try SegmentOwnership(segment: ExecutionSegment(parsing: "0:1/2"), sequence: sequence)
        #expect(union.ownedPerBlock == 2)
    }

    @Test func sharesRaisedToOneSaySo() throws {
        let ownership = try SegmentOwnership(segment: ExecutionSegment(parsing: "1/4"), sequence: SegmentSequence(equalShares: 4)!)
        #expect(ownership.share(of: 2, atLeastOne: true) == SegmentCount(whole: 2, segment: 1, raised: true))
        #expect(ownership.share(of: 2, atLeastOne: false) == SegmentCount(whole: 2, segment: 0))
        #expect(ownership.share(of: 64, atLeastOne: true) == SegmentCount(whole: 64, segment: 16))
        var shares = SegmentShares()
        shares.connections = ownership.share(of: 2, atLeastOne: true)
        #expect(shares.raisedNotes == ["its exact share of the 2 connections is 0; it takes 1"])
    }
}

/// A million equal shares are a sequence like any other, kept small.
struct LargeSegmentSequenceTests {
    @Test func aMillionEqualSharesAreExactAndDescribedShortly() throws {
        let sequence = try #require(SegmentSequence(equalShares: 1_000_000))
        #expect(sequence.description == "1000000 equal shares")
        #expect(SegmentSequence(equalShares: 4)!.description == "0,1/4,1/2,3/4,1")
        let last = try SegmentOwnership(segment: ExecutionSegment(parsing: "1000000/1000000"), sequence: sequence)
        #expect(last.ownedPerBlock == 1)
        #expect(last.ownedCount(below: 2_000_000) == 2)
        #expect(!sequence.contains(try ExecutionSegment(parsing: "0:1/3")))
    }
}
