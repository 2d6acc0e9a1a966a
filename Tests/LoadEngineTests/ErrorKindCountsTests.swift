import LoadEngine
import Testing

/// Both JSON summaries write the `errors` map the same way.
struct ErrorKindCountsTests {
    @Test func everyKindIsListedWithZeroForThoseThatDidNotOccur() {
        let counts = ErrorKind.countsByName([.timeout: 3, .http5xx: 2])
        #expect(counts.count == ErrorKind.allCases.count)
        #expect(counts["timeout"] == 3)
        #expect(counts["http_5xx"] == 2)
        #expect(counts["refused"] == 0)
        #expect(counts["check"] == 0)
    }
}
