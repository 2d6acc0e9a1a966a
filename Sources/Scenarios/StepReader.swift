import Foundation
import Units
import Yams

/// One entry of `flow` or `requests`.
struct StepReader {
    let reader: YAMLNodeReader
    let defaults: StepDefaults
    /// Variables defined before this step: the file's, and earlier steps' captures.
    let defined: Set<String>
    /// Whether the step is part of a flow (captures allowed) or of a request mix (weights allowed).
    let inFlow: Bool

    static let flowKeys = ["name", "method", "path", "headers", "body", "capture", "check", "think"]
    static let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    func read(_ node: Node) throws(ScenarioError) -> (step: Step, weight: Double?) {
        let allowed = inFlow ? Self.flowKeys : Self.flowKeys.filter { $0 != "capture" } + ["weight"]
        if !inFlow, case .mapping(let mapping) = node,
           let capture = mapping.first(where: { $0.key.string == "capture" }) {
            throw reader.error(capture.key, "capture needs a flow: in a 'requests' mix no later request could use the value")
        }
        let fields = try reader.mapping(node, allowed: allowed, what: inFlow ? "a flow step" : "a request")
        guard let pathNode = fields["path"] else {
            throw reader.error(node, "the step has no 'path' (e.g. /api/orders/{{order_id}}, or an absolute URL)")
        }
        let method = try fields["method"].map { node throws(ScenarioError) in try readMethod(node) } ?? "GET"
        let pathText = try reader.nonEmptyText(pathNode, what: "path")
        let path = try TemplateReader.read(pathText, node: pathNode, reader: reader, defined: defined, what: "path")
        let name = try fields["name"].map { node throws(ScenarioError) in try reader.nonEmptyText(node, what: "name") }
            ?? "\(method) \(pathText)"
        let headers = try fields["headers"].map { node throws(ScenarioError) in
            try HeaderReader.read(node, reader: reader, defined: defined, what: "headers", allowVariables: true)
        } ?? []
        let body = try fields["body"].map { node throws(ScenarioError) in try readBody(node) }
        if body != nil, method == "GET" || method == "HEAD" {
            throw reader.error(fields.keyNode("body")!, "a \(method) request cannot carry a body; use POST, PUT or PATCH")
        }
        let checks = try fields["check"].map { node throws(ScenarioError) in try CheckReader(reader: reader, defined: defined).read(node) } ?? []
        let captures = try fields["capture"].map { node throws(ScenarioError) in try readCaptures(node) } ?? []
        let think = try fields["think"].map { node throws(ScenarioError) in try reader.duration(node, what: "think", allowZero: true) }
        let weight = try fields["weight"].map { node throws(ScenarioError) in try reader.positiveNumber(node, what: "weight", atMost: .greatestFiniteMagnitude) }
        let step = Step(name: name, method: method, path: path, headers: headers, body: body, captures: captures,
                        checks: checks, think: think, location: reader.location(node))
        return (step, weight)
    }

    private func readMethod(_ node: Node) throws(ScenarioError) -> String {
        let method = try reader.nonEmptyText(node, what: "method").uppercased()
        guard Self.methods.contains(method) else {
            let hint = Suggestion.closest(to: method, among: Self.methods).map { "did you mean \($0)? " } ?? ""
            throw reader.error(node, "unknown method '\(method)'; \(hint)use one of \(Self.methods.joined(separator: ", "))")
        }
        return method
    }

    // MARK: Body

    private func readBody(_ node: Node) throws(ScenarioError) -> BodyTemplate {
        if case .scalar = node {
            let text = try reader.text(node, what: "body")
            return .text(try TemplateReader.read(text, node: node, reader: reader, defined: defined, what: "body"))
        }
        return .json(try jsonTemplate(node))
    }

    private func jsonTemplate(_ node: Node) throws(ScenarioError) -> JSONTemplate {
        switch node {
        case .mapping:
            var members: [JSONTemplate.Member] = []
            for (name, _, value) in try reader.namedEntries(node, what: "body") {
                members.append(JSONTemplate.Member(name: name, value: try jsonTemplate(value)))
            }
            return .object(members)
        case .sequence:
            var items: [JSONTemplate] = []
            for item in try reader.sequence(node, what: "body") { items.append(try jsonTemplate(item)) }
            return .array(items)
        case .scalar(let scalar):
            let text = try reader.text(node, what: "a body value")
            if scalar.style == .plain || scalar.style == .any, !text.contains("{{") {
                let value = YAMLNodeReader.plainValue(text)
                if case .string = value {} else { return .literal(value.jsonText) }
            }
            return .string(try TemplateReader.read(text, node: node, reader: reader, defined: defined, what: "body"))
        case .alias:
            throw reader.error(node, "body: aliases are not supported here")
        }
    }

    // MARK: Captures

    private func readCaptures(_ node: Node) throws(ScenarioError) -> [Capture] {
        var captures: [Capture] = []
        for (name, key, value) in try reader.namedEntries(node, what: "capture") {
            guard Template.isValidName(name), !Template.builtIns.contains(name) else {
                throw reader.error(key, "'\(name)' cannot be a variable name: use letters, digits and '_'")
            }
            captures.append(Capture(variable: name, source: try captureSource(value, variable: name),
                                    location: reader.location(key)))
        }
        return captures
    }

    private func captureSource(_ node: Node, variable: String) throws(ScenarioError) -> Capture.Source {
        let what = "capture '\(variable)'"
        if case .scalar = node {
            // Shorthand: `order_id: $.id`.
            return .json(try reader.jsonPath(node, what: what))
        }
        let fields = try reader.mapping(node, allowed: ["json", "header", "regex", "group"], what: what)
        let sources = ["json", "header", "regex"].filter(fields.has)
        guard sources.count == 1 else {
            let problem = sources.isEmpty ? "names no source" : "names several sources (\(sources.joined(separator: ", ")))"
            throw reader.error(node, "\(what) \(problem): give exactly one of json: $.path, header: Name, regex: 'pattern'")
        }
        if fields.has("group"), sources[0] != "regex" {
            throw reader.error(fields.keyNode("group")!, "\(what): 'group' only goes with 'regex'")
        }
        switch sources[0] {
        case "json":
            return .json(try reader.jsonPath(fields["json"]!, what: what))
        case "header":
            return .header(try reader.nonEmptyText(fields["header"]!, what: "\(what) header"))
        default:
            let patternNode = fields["regex"]!
            let (expression, pattern) = try reader.regex(patternNode, what: "\(what) regex")
            let group = try fields["group"].map { node throws(ScenarioError) in
                try reader.integer(node, what: "\(what) group", atLeast: 0, atMost: .max)
            } ?? (expression.numberOfCaptureGroups > 0 ? 1 : 0)
            guard group <= expression.numberOfCaptureGroups else {
                throw reader.error(fields["group"] ?? patternNode,
                                   "\(what): the pattern has \(expression.numberOfCaptureGroups) group(s), so group \(group) does not exist")
            }
            return .regex(expression, pattern: pattern, group: group)
        }
    }
}
