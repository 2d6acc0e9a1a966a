import Foundation
import LoadEngine
import Units
import Yams

/// Reads a composed YAML tree with every value's position at hand, so that any problem is
/// reported at its `file:line:column`. Scalars go through `${NAME}` / `${NAME:-default}`
/// substitution before they are interpreted; the values taken from the environment are kept
/// for redaction.
final class YAMLNodeReader {
    let file: String
    private let environment: [String: String]
    /// Values substituted from the environment, in order of first use.
    private(set) var environmentValues: [String] = []

    init(file: String, environment: [String: String]) {
        self.file = file
        self.environment = environment
    }

    /// Parses `text` into its root node.
    func compose(_ text: String) throws(ScenarioError) -> Node {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw ScenarioError("the file is empty; a scenario needs at least a target, a load and a flow or requests",
                                    at: SourceLocation(file: file, line: 1, column: 1))
            }
            try ScenarioSizeLimits.checkExpansion(of: root, reader: self)
            return root
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch {
            throw ScenarioError("cannot read the file as YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    // MARK: Positions and errors

    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(_ node: Node, _ message: String) -> ScenarioError {
        ScenarioError(message, at: location(node))
    }

    private func syntaxError(_ error: YamlError) -> ScenarioError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text))" } ?? ""
            return ScenarioError("YAML syntax error: \(problem)\(while_)",
                                 at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScenarioError("key '\(duplicates.joined(separator: "', '"))' appears more than once in the same mapping",
                                 at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        case .reader(let problem, _, _, _):
            return ScenarioError("the file is not readable text: \(problem)", at: SourceLocation(file: file, line: 1, column: 1))
        default:
            return ScenarioError("YAML error: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    // MARK: Mappings

    /// The entries of the mapping `node`, which may only use `allowed` keys. An unknown key is
    /// an error at that key, with the nearest allowed key suggested.
    func mapping(_ node: Node, allowed: [String], what: String) throws(ScenarioError) -> Fields {
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(what) must be a mapping of keys to values (got \(describe(node)))")
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw error(key, "\(what): keys must be plain names") }
            let name = scalar.string
            guard allowed.contains(name) else {
                let hint = Suggestion.closest(to: name, among: allowed).map { "did you mean '\($0)'? " } ?? ""
                throw error(key, "unknown key '\(name)' in \(what); \(hint)allowed: \(allowed.joined(separator: ", "))")
            }
            entries[name] = (key, value)
        }
        return Fields(node: node, entries: entries)
    }

    /// The keys and values of a mapping whose keys are names the user picks (variables,
    /// headers, captures), in file order.
    func namedEntries(_ node: Node, what: String) throws(ScenarioError) -> [(name: String, key: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(what) must be a mapping of names to values (got \(describe(node)))")
        }
        var result: [(name: String, key: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, !scalar.string.isEmpty else { throw error(key, "\(what): names must be plain text") }
            result.append((scalar.string, key, value))
        }
        return result
    }

    /// The items of the sequence `node`.
    func sequence(_ node: Node, what: String) throws(ScenarioError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw error(node, "\(what) must be a list (got \(describe(node)))")
        }
        return Array(sequence)
    }

    // MARK: Scalars

    /// The scalar's text after `${NAME}` substitution.
    func text(_ node: Node, what: String) throws(ScenarioError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error(node, "\(what) must be a single value (got \(describe(node)))")
        }
        let value = try substitute(scalar.string, at: node)
        try ScenarioSizeLimits.checkString(value.utf8.count, at: node, reader: self)
        return value
    }

    func nonEmptyText(_ node: Node, what: String) throws(ScenarioError) -> String {
        let value = try text(node, what: what)
        guard !value.isEmpty else { throw error(node, "\(what) must not be empty") }
        return value
    }

    func integer(_ node: Node, what: String, atLeast minimum: Int, atMost maximum: Int) throws(ScenarioError) -> Int {
        let value = try text(node, what: what)
        guard let number = Int(value.replacingOccurrences(of: "_", with: "")) else {
            throw error(node, "\(what) must be a whole number (got '\(value)')")
        }
        guard number >= minimum else { throw error(node, "\(what) must be at least \(minimum) (got \(number))") }
        guard number <= maximum else { throw error(node, "\(what) must be at most \(maximum) (got \(number))") }
        return number
    }

    func number(_ node: Node, what: String, atMost maximum: Double) throws(ScenarioError) -> Double {
        let value = try text(node, what: what)
        guard let number = Double(value), number.isFinite, number >= 0 else {
            throw error(node, "\(what) must be a number, zero or more (got '\(value)')")
        }
        guard number <= maximum else { throw error(node, "\(what) must be at most \(Int(maximum)) (got \(value))") }
        return number
    }

    func positiveNumber(_ node: Node, what: String, atMost maximum: Double) throws(ScenarioError) -> Double {
        let value = try number(node, what: what, atMost: maximum)
        guard value > 0 else { throw error(node, "\(what) must be more than 0") }
        return value
    }

    /// A duration: bare seconds or with a unit (`500ms`, `30s`, `5m`), at most `maximum`.
    func duration(_ node: Node, what: String, allowZero: Bool = false,
                  atMost maximum: Duration = LoadLimits.duration) throws(ScenarioError) -> Duration {
        let value = try text(node, what: what)
        let duration: Duration
        do {
            duration = try DurationText.parse(value)
        } catch {
            throw self.error(node, "\(what): \(error.description)")
        }
        guard allowZero || duration > .zero else { throw self.error(node, "\(what) must be more than 0") }
        guard duration <= maximum else { throw self.error(node, "\(what) must be at most \(Int(maximum.seconds))s (got \(value))") }
        return duration
    }

    /// A proportion: `1%` or `0.01`.
    func proportion(_ node: Node, what: String) throws(ScenarioError) -> Double {
        let value = try text(node, what: what)
        do {
            return try ProportionText.parse(value)
        } catch {
            throw self.error(node, "\(what): \(error.description)")
        }
    }

    func bool(_ node: Node, what: String) throws(ScenarioError) -> Bool {
        switch try text(node, what: what).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other: throw error(node, "\(what) must be true or false (got '\(other)')")
        }
    }

    /// A variable's value from a scalar: numbers, booleans and null keep their type unless quoted.
    func value(_ node: Node, what: String) throws(ScenarioError) -> CapturedValue {
        let text = try self.text(node, what: what)
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return .string(text) }
        return Self.plainValue(text)
    }

    /// What a plain (unquoted) YAML scalar means as JSON.
    static func plainValue(_ text: String) -> CapturedValue {
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null", "~", "": return .null
        default:
            if let number = Double(text), number.isFinite, text.first.map({ $0.isNumber || $0 == "-" }) == true {
                return .number(number)
            }
            return .string(text)
        }
    }

    // MARK: Environment

    /// Replaces `${NAME}` and `${NAME:-default}`; `$${` stays a literal `${`.
    private func substitute(_ text: String, at node: Node) throws(ScenarioError) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            if open.lowerBound > rest.startIndex, rest[rest.index(before: open.lowerBound)] == "$" {
                result += rest[..<rest.index(before: open.lowerBound)] + "${"
                rest = rest[open.upperBound...]
                continue
            }
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw error(node, "'${' without a closing '}' in '\(text)'")
            }
            let expression = rest[open.upperBound..<close]
            let parts = expression.split(separator: ":-", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard !name.isEmpty, name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else {
                throw error(node, "'${\(expression)}' is not an environment variable reference; write ${NAME} or ${NAME:-default}")
            }
            if let value = environment[name], !value.isEmpty {
                if !environmentValues.contains(value) { environmentValues.append(value) }
                result += value
            } else if parts.count == 2 {
                result += parts[1]
            } else {
                throw error(node, "environment variable \(name) is not set; set it or give a default: ${\(name):-value}")
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

/// The entries of a mapping whose keys were checked.
struct Fields {
    /// The mapping itself, for errors about it as a whole.
    let node: Node
    let entries: [String: (key: Node, value: Node)]

    subscript(key: String) -> Node? { entries[key]?.value }

    func has(_ key: String) -> Bool { entries[key] != nil }

    /// The key node of `key`, for errors about the key.
    func keyNode(_ key: String) -> Node? { entries[key]?.key }
}
