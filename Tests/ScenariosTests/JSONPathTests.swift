import JSON
@testable import Scenarios
import Testing

/// The JSON path subset that captures and checks read responses with.
struct JSONPathTests {
    private func parse(_ text: String) -> JSONValue? { JSONValue.parse(Array(text.utf8)) }

    @Test func pathsReachMembersIndexesAndQuotedNames() throws {
        let document = try #require(parse(#"{"orders": [{"id": "ord-1"}, {"id": "ord-2"}], "odd key": 7}"#))
        #expect(try JSONPath("$.orders[0].id").value(in: document) == .string("ord-1"))
        #expect(try JSONPath("$.orders[-1].id").value(in: document) == .string("ord-2"))
        #expect(try JSONPath("$['odd key']").value(in: document) == .number(7))
        #expect(try JSONPath("$").value(in: document) == document)
        #expect(try JSONPath("$.orders[2]").value(in: document) == nil)
        #expect(try JSONPath("$.orders.id").value(in: document) == nil)
    }

    @Test(arguments: ["orders", "$.", "$[x]", "$.a[0", "$..a"])
    func malformedPathsAreRefused(text: String) {
        #expect(throws: JSONPath.PathError.self) { try JSONPath(text) }
    }

    @Test func capturedValuesPrintAsWritten() {
        #expect(JSONValue.number(1000).captured.text == "1000")
        #expect(JSONValue.number(1.25).captured.text == "1.25")
        #expect(JSONValue.string("a\"b").captured.jsonText == #""a\"b""#)
        #expect(JSONValue.object(["b": .null, "a": .array([.bool(true)])]).captured.text == #"{"a":[true],"b":null}"#)
    }

    @Test func parsingKeepsTheMembersPathsStartFromUnlessOneReachesTheWholeDocument() throws {
        #expect(try StepChecks.roots(of: [JSONPath("$.ask"), JSONPath("$.orders[0].id"), JSONPath("$['ask']")]) == ["ask", "orders"])
        #expect(StepChecks.roots(of: []) == [])
        #expect(try StepChecks.roots(of: [JSONPath("$.ask"), JSONPath("$")]) == nil)
        #expect(try StepChecks.roots(of: [JSONPath("$[0]")]) == nil)
    }
}
