import Foundation
import Units
import Yams

/// A step's `check` section.
struct CheckReader {
    let reader: YAMLNodeReader
    let defined: Set<String>

    static let keys = ["status", "latency_under", "body_contains", "json"]

    func read(_ node: Node) throws(ScenarioError) -> [Check] {
        let fields = try reader.mapping(node, allowed: Self.keys, what: "check")
        var checks: [Check] = []
        if let status = fields["status"] {
            let codes = try readStatuses(status)
            let label = codes.count == 1 ? "status \(codes[0])" : "status in [\(codes.map(String.init).joined(separator: ", "))]"
            checks.append(Check(condition: .status(Set(codes)), label: label, location: reader.location(status)))
        }
        if let latency = fields["latency_under"] {
            let limit = try reader.duration(latency, what: "check.latency_under")
            checks.append(Check(condition: .latencyUnder(limit), label: "latency < \(DurationText.format(limit))",
                                location: reader.location(latency)))
        }
        if let contains = fields["body_contains"] {
            let text = try reader.nonEmptyText(contains, what: "check.body_contains")
            let template = try TemplateReader.read(text, node: contains, reader: reader, defined: defined, what: "check.body_contains")
            checks.append(Check(condition: .bodyContains(template), label: "body contains '\(text)'",
                                location: reader.location(contains)))
        }
        if let json = fields["json"] {
            for item in try reader.sequence(json, what: "check.json") { checks.append(try readJSONCheck(item)) }
        }
        return checks
    }

    private func readStatuses(_ node: Node) throws(ScenarioError) -> [Int] {
        let items: [Node]
        if case .sequence = node { items = try reader.sequence(node, what: "check.status") } else { items = [node] }
        guard !items.isEmpty else { throw reader.error(node, "check.status lists no status") }
        var codes: [Int] = []
        for item in items {
            // Any three-digit status, as the transports record what the server said.
            let code = try reader.integer(item, what: "check.status", atLeast: 100, atMost: 999)
            codes.append(code)
        }
        return codes
    }

    private func readJSONCheck(_ node: Node) throws(ScenarioError) -> Check {
        let fields = try reader.mapping(node, allowed: ["path", "exists", "equals", "matches"], what: "a json check")
        guard let pathNode = fields["path"] else { throw reader.error(node, "a json check needs a 'path', e.g. path: $.status") }
        let path = try reader.jsonPath(pathNode, what: "json check path")
        let conditions = ["exists", "equals", "matches"].filter(fields.has)
        guard conditions.count <= 1 else {
            throw reader.error(node, "a json check has one of exists, equals or matches (got \(conditions.joined(separator: ", ")))")
        }
        let location = reader.location(node)
        switch conditions.first {
        case "equals":
            let valueNode = fields["equals"]!
            let text = try reader.text(valueNode, what: "json check equals")
            let template = try TemplateReader.read(text, node: valueNode, reader: reader, defined: defined, what: "json check equals")
            return Check(condition: .jsonEquals(path, template), label: "\(path) == \(text)", location: location)
        case "matches":
            let (expression, pattern) = try reader.regex(fields["matches"]!, what: "json check matches")
            return Check(condition: .jsonMatches(path, MemoizedRegex(expression), pattern: pattern), label: "\(path) matches \(pattern)",
                         location: location)
        default:
            if let exists = fields["exists"], try !reader.bool(exists, what: "json check exists") {
                throw reader.error(exists, "exists: false is not supported; check what must be there")
            }
            return Check(condition: .jsonExists(path), label: "\(path) exists", location: location)
        }
    }
}
