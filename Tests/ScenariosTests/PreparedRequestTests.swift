import LoadEngine
@testable import Scenarios
import Testing
import Transports

/// A step's request prepared once renders what the step says for each iteration's variables,
/// and refuses what `HTTPFieldSyntax` refuses.
struct PreparedRequestTests {
    private static let yaml = """
        name: prepared
        target: http://127.0.0.1:9/
        load: { iterations: 1, vus: 1 }
        variables:
          session: abc
          id: 7
        defaults:
          headers: { Accept: application/json, content-type: text/plain, X-Static: "yes" }
        flow:
          - name: order
            method: POST
            path: "orders/{{id}}"
            headers: { Accept: text/html, X-Trace: "{{__vu}}-{{__iteration}}", X-Session: "s-{{session}}" }
            body: { id: "{{id}}", note: "n {{session}}" }
          - name: quote
            method: PUT
            path: /quote
            body: { symbol: EURUSD }
          - name: absolute
            path: "http://127.0.0.1:9/x?{{session}}"
        """

    private func prepared(step index: Int, defaults: [HeaderTemplate]? = nil) throws -> PreparedRequest {
        let scenario = try ScenarioLoader.parse(Self.yaml, file: "prepared.yaml")
        return PreparedRequest(scenario.steps[index], defaultHeaders: defaults ?? scenario.defaultHeaders,
                               baseURL: "http://127.0.0.1:9")
    }

    private func scope(session: String = "abc") -> VariableScope {
        VariableScope(["session": .string(session), "id": .number(7)], virtualUser: 3, iteration: 5)
    }

    @Test func stepHeadersComeFirstAndOverrideDefaultsCaseInsensitively() throws {
        let request = try prepared(step: 0).render(scope()).get()
        #expect(request.url == "http://127.0.0.1:9/orders/7")
        #expect(request.method == "POST")
        #expect(request.headers == ["Accept: text/html", "X-Trace: 3-5", "X-Session: s-abc", "content-type: text/plain", "X-Static: yes"])
        #expect(request.body.map { String(decoding: $0, as: UTF8.self) } == #"{"id":7,"note":"n abc"}"#)
    }

    @Test func aJSONBodyGetsAJSONContentTypeUnlessAHeaderSetsOne() throws {
        let request = try prepared(step: 1, defaults: []).render(scope()).get()
        #expect(request.url == "http://127.0.0.1:9/quote")
        #expect(request.headers == ["Content-Type: application/json"])
        #expect(request.body.map { String(decoding: $0, as: UTF8.self) } == #"{"symbol":"EURUSD"}"#)
    }

    @Test func aPathWrittenAsAURLIsSentAsIs() throws {
        #expect(try prepared(step: 2).render(scope()).get().url == "http://127.0.0.1:9/x?abc")
    }

    @Test func aRenderedValueCarryingALineBreakIsRefusedAsHTTPFieldSyntaxSays() throws {
        let injected = "abc\r\nX-Admin: 1"
        let result = try prepared(step: 0).render(scope(session: injected))
        guard case .failure(let problem) = result else { Issue.record("sent a header line with CR LF"); return }
        let expected = HTTPFieldSyntax.problem(in: RequestSpec(url: "http://127.0.0.1:9/", headers: ["X-Session: s-\(injected)"]))
        #expect("\(problem)" == expected.map { "\($0)" })
    }

    @Test func aFixedHeaderOrMethodThatCannotBeSentIsRefusedEveryTime() throws {
        let scenario = try ScenarioLoader.parse(Self.yaml, file: "prepared.yaml")
        var step = scenario.steps[1]
        step.method = "GE T"
        let badMethod = PreparedRequest(step, defaultHeaders: [], baseURL: "http://127.0.0.1:9")
        guard case .failure(.unsendable(.method, let value, _)) = badMethod.render(scope()) else {
            Issue.record("sent a method that is not a token"); return
        }
        #expect(value == "GE T")
        step.method = "PUT"
        let badHeader = PreparedRequest(step, defaultHeaders: [HeaderTemplate(name: "X-Bad", value: Template(literal: "a\nb"))],
                                        baseURL: "http://127.0.0.1:9")
        guard case .failure(.unsendable(.header, let line, _)) = badHeader.render(scope()) else {
            Issue.record("sent a fixed header line with LF"); return
        }
        #expect(line == "X-Bad: a\nb")
    }

    @Test func aTemplateWithoutPlaceholdersIsItsOwnLiteral() throws {
        #expect(try Template("plain text").literalText == "plain text")
        #expect(try Template("").literalText == "")
        #expect(try Template("a {{id}}").literalText == nil)
        #expect(Template(literal: "{{not a placeholder}}").render(scope()) == "{{not a placeholder}}")
    }
}
