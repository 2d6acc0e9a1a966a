import JSON
/// A request body: text with placeholders, or JSON written as YAML whose strings may hold
/// placeholders.
public enum BodyTemplate: Sendable {
    /// Sent as written, after placeholders are filled in.
    case text(Template)
    /// Sent as JSON (`Content-Type: application/json` unless the step sets its own).
    case json(JSONTemplate)

    /// The body's bytes for `scope`.
    func render(_ scope: VariableScope) -> [UInt8] {
        switch self {
        case .text(let template):
            return Array(template.render(scope).utf8)
        case .json(let template):
            var text = ""
            template.render(scope, into: &text)
            return Array(text.utf8)
        }
    }

    /// Every variable the body uses.
    var variables: [String] {
        switch self {
        case .text(let template): template.variables
        case .json(let template): template.variables
        }
    }
}

/// JSON with placeholders. A string that is one placeholder and nothing else (`"{{qty}}"`)
/// takes the variable's own JSON type: a captured number stays a number.
public indirect enum JSONTemplate: Sendable {
    case object([Member])
    case array([JSONTemplate])
    case string(Template)
    /// A number, `true`, `false` or `null`, as JSON text.
    case literal(String)

    /// A member of an object.
    public struct Member: Sendable {
        let name: String
        let value: JSONTemplate
        /// The name as a JSON string and its colon, written once rather than on every request.
        let quotedName: String

        init(name: String, value: JSONTemplate) {
            self.name = name
            self.value = value
            quotedName = JSONText.quoted(name) + ":"
        }
    }

    func render(_ scope: VariableScope, into text: inout String) {
        switch self {
        case .object(let members):
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += "," }
                text += member.quotedName
                member.value.render(scope, into: &text)
            }
            text += "}"
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                item.render(scope, into: &text)
            }
            text += "]"
        case .string(let template):
            if let name = template.soleVariable, let value = scope[name] {
                text += value.jsonText
            } else {
                text += JSONText.quoted(template.render(scope))
            }
        case .literal(let literal):
            text += literal
        }
    }

    var variables: [String] {
        switch self {
        case .object(let members): members.flatMap(\.value.variables)
        case .array(let items): items.flatMap(\.variables)
        case .string(let template): template.variables
        case .literal: []
        }
    }
}
