import JSON
import Testing

/// The parser that reads response and request bodies.
struct JSONParserTests {
    private func parse(_ text: String) -> JSONValue? { JSONValue.parse(Array(text.utf8)) }

    @Test func parsesEveryKindOfValue() throws {
        let value = try #require(parse(#" { "a": [1, -2.5e3, true, false, null, "x"], "b": { "c": "d" } } "#))
        #expect(value == .object([
            "a": .array([.number(1), .number(-2500), .bool(true), .bool(false), .null, .string("x")]),
            "b": .object(["c": .string("d")]),
        ]))
    }

    @Test func decodesEscapesAndSurrogatePairs() {
        #expect(parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        #expect(parse("\"plain ünïcode\"") == .string("plain ünïcode"))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"unterminated", "1 2", "\"\\x\"", "\"\\ud83d\"", "nan",
                      String(repeating: "[", count: 600) + String(repeating: "]", count: 600)])
    func rejectsWhatIsNotJSON(text: String) {
        #expect(parse(text) == nil)
    }

    @Test func compactTextSortsKeysAndPrintsIntegersWithoutAFraction() {
        #expect(JSONValue.object(["b": .number(2), "a": .array([.number(1.5), .string("é\n")])]).compactText
            == #"{"a":[1.5,"é\n"],"b":2}"#)
    }
}
