import Foundation
import LoadEngine
import Units
import Yams

/// Turns a scenario file into a checked `Scenario`. Everything that can be wrong with a file
/// is found here, before any request is sent, and reported at its `file:line:column`:
/// YAML syntax, unknown keys (with a suggestion), wrong types, a variable that nothing
/// defines, a capture without a source, a malformed JSON path or regular expression.
public enum ScenarioLoader {
    /// Loads the scenario at `path`; `${NAME}` references read `environment`.
    public static func load(path: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(ScenarioError) -> Scenario {
        let text: String
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else {
                // A FIFO or a device would be read forever.
                throw ScenarioError("the scenario path is not a regular file", at: SourceLocation(file: path, line: 1, column: 1))
            }
            let size = attributes[.size] as? Int ?? 0
            guard size <= ScenarioSizeLimits.fileBytes else {
                throw ScenarioError("the scenario file is \(size) bytes; at most \(ScenarioSizeLimits.fileBytes) are read",
                                    at: SourceLocation(file: path, line: 1, column: 1))
            }
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError("cannot read the scenario file: \(error.localizedDescription)",
                                at: SourceLocation(file: path, line: 1, column: 1))
        }
        return try parse(text, file: path, environment: environment)
    }

    /// Parses scenario `text`, reporting problems as in `file`.
    public static func parse(_ text: String, file: String,
                             environment: [String: String] = [:]) throws(ScenarioError) -> Scenario {
        let reader = YAMLNodeReader(file: file, environment: environment)
        let root = try reader.compose(text)
        let fields = try reader.mapping(root, allowed: topLevelKeys, what: "the scenario")
        let name = try fields["name"].map { node throws(ScenarioError) in try reader.nonEmptyText(node, what: "name") }
            ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if let problem = RunLabel.problem(name) {
            // Runs are stored under the name: it follows the rule for labels.
            throw reader.error(fields["name"] ?? root, "name \(problem)")
        }
        guard let targetNode = fields["target"] else {
            throw reader.error(root, "the scenario has no 'target' (the base URL, e.g. http://127.0.0.1:8083)")
        }
        let target = try reader.nonEmptyText(targetNode, what: "target")
        do {
            try TargetURL.validate(target)
        } catch {
            throw reader.error(targetNode, "target: \(error.description)")
        }
        let defaults = try StepDefaults(fields["defaults"], reader: reader)
        let variables = try fields["variables"].map { node throws(ScenarioError) in try readVariables(node, reader: reader) } ?? [:]
        guard let loadNode = fields["load"] else {
            throw reader.error(root, "the scenario has no 'load': say how much to send (rate and duration, max_rps and ramp, stages, or iterations and vus)")
        }
        let load = try LoadReader.read(loadNode, reader: reader)
        let body = try readBody(fields, root: root, reader: reader, defaults: defaults, variables: Set(variables.keys))
        let thresholds = try fields["thresholds"].map { node throws(ScenarioError) in
            try ThresholdReader.read(node, load: load, reader: reader)
        } ?? ScenarioThresholds()
        return Scenario(name: name, file: file, target: target, defaultHeaders: defaults.headers, timeout: defaults.timeout,
                        connections: load.connections, variables: variables, load: load.load, body: body,
                        thresholds: thresholds, environmentValues: reader.environmentValues)
    }

    static let topLevelKeys = ["name", "description", "target", "defaults", "variables", "load", "flow", "requests", "thresholds"]

    private static func readVariables(_ node: Node, reader: YAMLNodeReader) throws(ScenarioError) -> [String: VariableSource] {
        var variables: [String: VariableSource] = [:]
        for (name, key, value) in try reader.namedEntries(node, what: "variables") {
            guard Template.isValidName(name), !Template.builtIns.contains(name) else {
                throw reader.error(key, "'\(name)' cannot be a variable name: use letters, digits and '_', starting with a letter or '_'")
            }
            if case .sequence = value {
                let items = try reader.sequence(value, what: "variable '\(name)'")
                guard !items.isEmpty else { throw reader.error(value, "variable '\(name)': the list of values is empty") }
                var values: [CapturedValue] = []
                for item in items { values.append(try reader.value(item, what: "a value of variable '\(name)'")) }
                variables[name] = .rotation(values)
            } else {
                variables[name] = .value(try reader.value(value, what: "variable '\(name)'"))
            }
        }
        return variables
    }

    private static func readBody(_ fields: Fields, root: Node, reader: YAMLNodeReader, defaults: StepDefaults,
                                 variables: Set<String>) throws(ScenarioError) -> ScenarioBody {
        switch (fields["flow"], fields["requests"]) {
        case (let flow?, nil):
            var defined = variables
            var steps: [Step] = []
            let items = try reader.sequence(flow, what: "flow")
            guard !items.isEmpty else { throw reader.error(flow, "flow has no steps") }
            for item in items {
                let step = try StepReader(reader: reader, defaults: defaults, defined: defined, inFlow: true).read(item).step
                defined.formUnion(step.captures.map(\.variable))
                steps.append(step)
            }
            try requireUniqueNames(steps, items: items, reader: reader)
            return .flow(steps)
        case (nil, let requests?):
            let items = try reader.sequence(requests, what: "requests")
            guard !items.isEmpty else { throw reader.error(requests, "requests has no entries") }
            var mix: [WeightedStep] = []
            for item in items {
                let read = try StepReader(reader: reader, defaults: defaults, defined: variables, inFlow: false).read(item)
                mix.append(WeightedStep(step: read.step, weight: read.weight ?? 1))
            }
            try requireUniqueNames(mix.map(\.step), items: items, reader: reader)
            return .requests(mix)
        case (.some, .some):
            throw reader.error(fields.keyNode("requests")!, "a scenario has either a 'flow' (steps in order) or 'requests' (a weighted mix), not both")
        case (nil, nil):
            throw reader.error(root, "the scenario has neither a 'flow' (steps in order) nor 'requests' (a weighted mix)")
        }
    }

    private static func requireUniqueNames(_ steps: [Step], items: [Node], reader: YAMLNodeReader) throws(ScenarioError) {
        var seen: Set<String> = []
        for (step, item) in zip(steps, items) where !seen.insert(step.name).inserted {
            throw reader.error(item, "two steps are named '\(step.name)': give each step its own 'name' (results are stored per step)")
        }
    }
}

/// The `defaults` section: headers and a timeout every step starts from.
struct StepDefaults {
    var headers: [HeaderTemplate] = []
    var timeout: Duration = .seconds(10)

    init(_ node: Node?, reader: YAMLNodeReader) throws(ScenarioError) {
        guard let node else { return }
        let fields = try reader.mapping(node, allowed: ["headers", "timeout"], what: "defaults")
        if let headers = fields["headers"] {
            self.headers = try HeaderReader.read(headers, reader: reader, defined: [], what: "defaults.headers", allowVariables: false)
        }
        if let timeout = fields["timeout"] { self.timeout = try reader.duration(timeout, what: "defaults.timeout", atMost: LoadLimits.timeout) }
    }
}

/// Header mappings (`Name: value`).
enum HeaderReader {
    static func read(_ node: Node, reader: YAMLNodeReader, defined: Set<String>, what: String,
                     allowVariables: Bool) throws(ScenarioError) -> [HeaderTemplate] {
        var headers: [HeaderTemplate] = []
        for (name, key, value) in try reader.namedEntries(node, what: what) {
            guard HTTPFieldSyntax.isToken(name) else {
                throw reader.error(key, "'\(HTTPFieldSyntax.escaped(name))' is not a valid header name")
            }
            let text = try reader.text(value, what: "header \(name)")
            guard HTTPFieldSyntax.isFieldValue(text) else {
                throw reader.error(value, "header \(name): a header value must be one line without control characters (CR, LF and the like)")
            }
            let template = try TemplateReader.read(text, node: value, reader: reader, defined: defined, what: "header \(name)")
            if !allowVariables, let variable = template.variables.first {
                throw reader.error(value, "\(what) cannot use '{{\(variable)}}': defaults are the same for every request; put the header on the steps")
            }
            headers.append(HeaderTemplate(name: name, value: template))
        }
        return headers
    }
}

/// Templates, checked against the variables defined where they are used.
enum TemplateReader {
    static func read(_ text: String, node: Node, reader: YAMLNodeReader, defined: Set<String>,
                     what: String) throws(ScenarioError) -> Template {
        let template: Template
        do {
            template = try Template(text)
        } catch {
            throw reader.error(node, "\(what): \(error.message)")
        }
        for variable in template.variables where !defined.contains(variable) {
            let hint = Suggestion.closest(to: variable, among: defined.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
            let known = defined.isEmpty ? "no variable is defined before this point" : "defined here: \(defined.sorted().joined(separator: ", "))"
            throw reader.error(node, "\(what) uses '{{\(variable)}}', which no variable or earlier capture defines\(hint); \(known)")
        }
        return template
    }
}
