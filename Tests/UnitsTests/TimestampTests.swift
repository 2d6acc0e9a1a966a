import Foundation
import Testing
import Units

/// Stored dates read back equal, sort as text, and stay readable by sqlite3.
struct TimestampTests {
    @Test func datesOfThisCenturyRoundTripExactly() throws {
        var generator = SplitMix64(seed: 42)
        let now = Date()
        for date in [now, now.addingTimeInterval(0.000_000_1)] + (0..<10_000).map({ _ in
            Date(timeIntervalSince1970: Double.random(in: 1_300_000_000...2_500_000_000, using: &generator))
        }) {
            let text = Timestamp.string(from: date, precision: .nanoseconds)
            #expect(Timestamp.date(from: text) == date, "\(text)")
        }
    }

    @Test func textIsFixedWidthUTCWithNanoseconds() {
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 1_777_636_800.25), precision: .nanoseconds)
                    == "2026-05-01T12:00:00.250000000Z")
    }

    @Test func textOrderIsTimeOrder() {
        let dates = (0..<200).map { Date(timeIntervalSince1970: 1_700_000_000 + Double($0) * 0.37) }
        let texts = dates.map { Timestamp.string(from: $0, precision: .nanoseconds) }
        #expect(texts == texts.sorted())
    }

    @Test func offsetsAndShortFractionsAreRead() {
        #expect(Timestamp.date(from: "2026-05-01T14:00:00.5+02:00") == Date(timeIntervalSince1970: 1_777_636_800.5))
        #expect(Timestamp.date(from: "2026-05-01T12:00:00Z") == Date(timeIntervalSince1970: 1_777_636_800))
    }

    @Test(arguments: ["", "2026-05-01", "2026-05-01T12:00:00", "2026-13-01T12:00:00Z", "2026-05-01T12:00:00.Z",
                      "2026-05-01T12:00:00.1234567890Z", "2026-05-01T12:00:00Z trailing"])
    func malformedTextIsRejected(text: String) {
        #expect(Timestamp.date(from: text) == nil)
    }
}

/// What people and summaries read: the same format in whole seconds.
struct TimestampDisplayTests {
    @Test func wholeSecondsTruncateTheFractionAndEndInZ() {
        let date = Date(timeIntervalSince1970: 1_777_636_800.75)
        #expect(Timestamp.string(from: date, precision: .seconds) == "2026-05-01T12:00:00Z")
        #expect(Timestamp.string(from: date, precision: .nanoseconds) == "2026-05-01T12:00:00.750000000Z")
    }

    @Test func wholeSecondsReadBackAsTheSecond() throws {
        let text = Timestamp.string(from: Date(timeIntervalSince1970: 1_777_636_800.25), precision: .seconds)
        #expect(try #require(Timestamp.date(from: text)) == Date(timeIntervalSince1970: 1_777_636_800))
    }
}
