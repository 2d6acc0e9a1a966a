import Scenarios
import Testing

/// Every kind of bad file gives one message naming file, line and column.
struct LoaderErrorTests {
    private func error(_ yaml: String, environment: [String: String] = [:]) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(yaml, file: "bad.yaml", environment: environment)
            return nil
        } catch {
            return error
        }
    }

    /// Three lines: the flow starts on line 4.
    private let header = "target: http://127.0.0.1:8083\nload: { iterations: 1 }\n\n"

    @Test func syntaxErrorNamesItsLineAndColumn() throws {
        let found = try #require(error(header + "flow:\n  - path: /a\n    method: [GET\n"))
        #expect(found.location.file == "bad.yaml")
        #expect(found.location.line >= 5)
        #expect(found.message.contains("YAML syntax error"))
        #expect(found.description.hasPrefix("bad.yaml:\(found.location.line):\(found.location.column): "))
    }

    @Test func unknownKeyIsFlaggedAtTheKeyWithASuggestion() throws {
        let found = try #require(error(header + "flow:\n  - path: /a\n    chek:\n      status: 200\n"))
        #expect(found.location == SourceLocation(file: "bad.yaml", line: 6, column: 5))
        #expect(found.message.contains("unknown key 'chek'"))
        #expect(found.message.contains("did you mean 'check'?"))
    }

    @Test func unknownTopLevelKeySuggestsTheNearest() throws {
        let found = try #require(error("targte: http://x\n"))
        #expect(found.location.line == 1 && found.location.column == 1)
        #expect(found.message.contains("did you mean 'target'?"))
    }

    @Test func wrongTypeIsFlaggedAtTheValue() throws {
        let found = try #require(error("target: http://127.0.0.1:8083\nload: { iterations: many }\nflow:\n  - path: /a\n"))
        #expect(found.location == SourceLocation(file: "bad.yaml", line: 2, column: 21))
        #expect(found.message.contains("load.iterations must be a whole number (got 'many')"))
    }

    @Test func mappingWhereAListBelongsIsAWrongType() throws {
        let found = try #require(error(header + "flow:\n  path: /a\n"))
        #expect(found.location.line == 5)
        #expect(found.message.contains("flow must be a list"))
    }

    @Test func captureWithoutASourceIsFlagged() throws {
        let found = try #require(error(header + "flow:\n  - path: /a\n    capture:\n      order_id: { group: 1 }\n"))
        #expect(found.location.line == 7)
        #expect(found.message.contains("capture 'order_id'"))
    }

    @Test func captureNamingNoSourceAtAllIsFlagged() throws {
        let found = try #require(error(header + "flow:\n  - path: /a\n    capture:\n      order_id: {}\n"))
        #expect(found.location.line == 7)
        #expect(found.message.contains("names no source"))
    }

    @Test func variableThatNothingDefinesIsFlaggedWithTheNearestName() throws {
        let yaml = header + """
            flow:
              - path: /orders
                capture:
                  order_id: $.id
              - path: /orders/{{orderid}}
            """
        let found = try #require(error(yaml))
        #expect(found.location == SourceLocation(file: "bad.yaml", line: 8, column: 11))
        #expect(found.message.contains("'{{orderid}}'"))
        #expect(found.message.contains("did you mean 'order_id'?"))
    }

    @Test func aStepCannotUseWhatALaterStepCaptures() throws {
        let yaml = header + """
            flow:
              - path: /orders/{{order_id}}
              - path: /orders
                capture:
                  order_id: $.id
            """
        #expect(try #require(error(yaml)).message.contains("no variable or earlier capture defines"))
    }

    @Test func malformedJSONPathAndRegexAreFlagged() throws {
        let path = try #require(error(header + "flow:\n  - path: /a\n    capture:\n      id: { json: 'id' }\n"))
        #expect(path.location.line == 7)
        #expect(path.message.contains("starts with '$'"))
        let regex = try #require(error(header + "flow:\n  - path: /a\n    capture:\n      id: { regex: '(' }\n"))
        #expect(regex.message.contains("not a valid regular expression"))
    }

    @Test func missingEnvironmentVariableWithoutDefaultIsFlagged() throws {
        let found = try #require(error("target: ${API_BASE}\nload: { iterations: 1 }\nflow:\n  - path: /a\n"))
        #expect(found.location == SourceLocation(file: "bad.yaml", line: 1, column: 9))
        #expect(found.message.contains("environment variable API_BASE is not set"))
    }

    @Test func loadKeysOfTwoShapesAreFlagged() throws {
        let found = try #require(error("target: http://127.0.0.1:8083\nload: { rate: 5, duration: 10s, iterations: 3 }\nflow:\n  - path: /a\n"))
        #expect(found.message.contains("load.rate does not go with load.iterations") || found.message.contains("does not go with"))
    }

    @Test func flowAndRequestsTogetherAreFlagged() throws {
        let found = try #require(error(header + "flow:\n  - path: /a\nrequests:\n  - path: /b\n"))
        #expect(found.message.contains("not both"))
    }

    @Test func duplicateStepNamesAreFlagged() throws {
        let found = try #require(error(header + "flow:\n  - path: /a\n  - path: /a\n"))
        #expect(found.location.line == 6)
        #expect(found.message.contains("two steps are named 'GET /a'"))
    }

    @Test func emptyFileSaysWhatAScenarioNeeds() throws {
        #expect(try #require(error("")).message.contains("the file is empty"))
    }
}
