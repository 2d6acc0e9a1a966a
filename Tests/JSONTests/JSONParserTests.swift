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

    /// RFC 8259's grammar, where `Double` and lenient parsers accept more.
    @Test(arguments: ["+1", "01", "-01", "00", "1.", ".5", "-", "-.5", "1e", "1e+", "1.e3", "0x10", "Infinity", "-Infinity",
                      "1e400", #"{"a":1,}"#, "[1,2,]", "[,1]", "{,}", #"{"a":1,,"b":2}"#, "[1 2]", #"{"a"}"#,
                      #"{'a':1}"#, "\"a\u{01}b\"", "\"tab\there\"", #""\udc00""#, #""\ud83dx""#, #""\ud83d\u0041""#,
                      #""\u12g4""#, "\u{FEFF}1", "/* */1", "[1]x", "True", "NULL"])
    func rejectsWhatRFC8259Forbids(text: String) {
        #expect(parse(text) == nil, "\(text)")
    }

    /// A member no path reaches is checked as strictly as a kept one, though never built.
    @Test(arguments: ["1e400", "-1E+999", "1" + String(repeating: "0", count: 400), #""\udc00""#, #""a\x""#,
                      "\"a\u{01}\"", "[1,]", #"{"x":[1 2]}"#, "01", "tru", #"{"x":"\ud83d"}"#])
    func refusesAnInvalidMemberItDoesNotKeep(member: String) {
        let text = #"{"kept":1,"dropped":"# + member + "}"
        #expect(JSONValue.parse(Array(text.utf8), keepingTopLevelMembers: ["kept"]) == nil, "\(text)")
        #expect(parse(text) == nil, "\(text)")
    }

    @Test func keepsOnlyTheNamedTopLevelMembersWithTheirNestedValues() {
        let text = #"{"id":"sig-5","skip":{"deep":[1e300,"\u00e9",true]},"side":{"n":[1,"é\n"]},"big":"# + String(repeating: "9", count: 300) + "}"
        #expect(JSONValue.parse(Array(text.utf8), keepingTopLevelMembers: ["id", "side"])
            == .object(["id": .string("sig-5"), "side": .object(["n": .array([.number(1), .string("é\n")])])]))
    }

    /// A kept name is found however the document spells it: escaped, or canonically equivalent.
    @Test func findsKeptNamesThatAreEscapedOrEquivalent() {
        let text = #"{"\u0069d":1,"e\u0301":2,"é":3,"\u00e9x":4,"idx":5}"#
        #expect(JSONValue.parse(Array(text.utf8), keepingTopLevelMembers: ["id", "é"])
            == .object(["id": .number(1), "é": .number(3)]))
        #expect(JSONValue.parse(Array(#"{"e\u0301":2}"#.utf8), keepingTopLevelMembers: ["é"]) == .object(["é": .number(2)]))
    }

    @Test func acceptsEveryNumberFormRFC8259Allows() {
        let numbers: [(String, Double)] = [("0", 0), ("-0", -0.0), ("0.5", 0.5), ("-0.5e-3", -0.0005), ("1E+2", 100),
                                           ("10e2", 1_000), ("123456789", 123_456_789), ("1.25E2", 125)]
        for (text, value) in numbers {
            #expect(parse(text) == .number(value), "\(text)")
            #expect(parse("[\(text)]") == .array([.number(value)]), "\(text)")
        }
    }

    /// Text with nothing to escape (empty, ASCII, non-ASCII) is only put in quotes; the rest is escaped.
    @Test(arguments: [("", #""""#), ("sig-5", #""sig-5""#), ("ünï😀 /x", #""ünï😀 /x""#), ("a\"b", #""a\"b""#),
                      ("c:\\d", #""c:\\d""#), ("é\r\n\t\u{01}", #""é\r\n\t\u0001""#)])
    func quotedEscapesOnlyWhatJSONRequires(text: String, quoted: String) {
        #expect(JSONText.quoted(text) == quoted)
        #expect(JSONValue.parse(Array(quoted.utf8)) == .string(text))
    }

    @Test func compactTextSortsKeysAndPrintsIntegersWithoutAFraction() {
        #expect(JSONValue.object(["b": .number(2), "a": .array([.number(1.5), .string("é\n")])]).compactText
            == #"{"a":[1.5,"é\n"],"b":2}"#)
    }
}
