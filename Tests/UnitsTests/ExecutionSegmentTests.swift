import Testing
import Units

/// Segments are read from both spellings, refused with a reason, and share counts exactly.
struct ExecutionSegmentTests {
    @Test(arguments: [
        ("1/4", "0:1/4"), ("2/4", "1/4:1/2"), ("4/4", "3/4:1"), ("1/1", "0:1"),
        ("1/4:1/2", "1/4:1/2"), ("0:1", "0:1"), ("2/6:3/6", "1/3:1/2"), ("0:1/3", "0:1/3"),
    ])
    func readsBothSpellingsInLowestTerms(text: String, stored: String) throws {
        let segment = try ExecutionSegment(parsing: text)
        #expect(segment.description == stored)
        #expect(try ExecutionSegment(parsing: segment.description) == segment)
    }

    @Test(arguments: [
        ("", ExecutionSegmentError.notASegment("")), ("abc", .notASegment("abc")), ("1/", .notASegment("1/")),
        ("-1/4", .notASegment("-1/4")), ("1/4:", .notASegment("1/4:")), ("1/2:1/4", .emptyOrOutside("1/2:1/4")),
        ("0:3/2", .emptyOrOutside("0:3/2")), ("1/2:1/2", .emptyOrOutside("1/2:1/2")), ("0/4", .indexOutside("0/4")),
        ("5/4", .indexOutside("5/4")), ("1/0", .indexOutside("1/0")), ("1/2000000", .indexOutside("1/2000000")),
        ("1/4\n", .notASegment("1/4\n")), (" 1/4", .notASegment(" 1/4")), ("0:1/0", .notASegment("0:1/0")),
    ])
    func refusesWhatIsNotAShare(text: String, error: ExecutionSegmentError) {
        #expect(throws: error) { try ExecutionSegment(parsing: text) }
    }

    @Test func sharesOfSegmentsTilingTheTestAddUpExactly() throws {
        for count in [1, 2, 3, 4, 7, 10, 64] {
            for total in [0, 1, 2, 3, 5, 63, 64, 65, 1_000, 999_983] {
                let shares = try (1...count).map { try #require(ExecutionSegment(index: $0, of: count)).share(of: total) }
                #expect(shares.reduce(0, +) == total, "\(count) segments of \(total)")
                #expect(shares.max()! - shares.min()! <= 1, "\(count) segments of \(total): \(shares)")
            }
        }
        let uneven = try ["0:1/3", "1/3:7/10", "7/10:1"].map { try ExecutionSegment(parsing: $0).share(of: 1_000) }
        #expect(uneven == [333, 367, 300])
    }
}
