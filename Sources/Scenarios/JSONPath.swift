import JSON
/// The JSON path subset captures and checks use: `$`, `.name`, `['name']`, `[index]`
/// (negative counts from the end). `$.orders[0].id`, `$['order-id']`, `$.items[-1]`.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    enum Component: Sendable, Equatable {
        case member(String)
        case index(Int)
    }

    let components: [Component]
    /// The path as written.
    public let description: String

    /// Parses `text`; the error says what is wrong and at which character.
    init(_ text: String) throws(PathError) {
        description = text
        var characters = Substring(text)
        guard characters.first == "$" else { throw PathError("a JSON path starts with '$' (got '\(text)')") }
        characters.removeFirst()
        var components: [Component] = []
        while let first = characters.first {
            if first == "." {
                characters.removeFirst()
                let name = characters.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { throw PathError("'\(text)': a '.' must be followed by a member name") }
                components.append(.member(String(name)))
                characters.removeFirst(name.count)
            } else if first == "[" {
                guard let close = characters.firstIndex(of: "]") else { throw PathError("'\(text)': '[' is never closed") }
                let inside = characters[characters.index(after: characters.startIndex)..<close]
                if let quote = inside.first, quote == "'" || quote == "\"", inside.count >= 2, inside.last == quote {
                    components.append(.member(String(inside.dropFirst().dropLast())))
                } else if let index = Int(inside) {
                    components.append(.index(index))
                } else {
                    throw PathError("'\(text)': '[\(inside)]' is neither an index nor a quoted name")
                }
                characters = characters[characters.index(after: close)...]
            } else {
                throw PathError("'\(text)': unexpected '\(first)'; use .name, ['name'] or [index]")
            }
        }
        self.components = components
    }

    /// The value at this path in `document`, or nil when any part is missing.
    func value(in document: JSONValue) -> JSONValue? {
        var current = document
        for component in components {
            switch (component, current) {
            case (.member(let name), .object(let members)):
                guard let next = members[name] else { return nil }
                current = next
            case (.index(let index), .array(let items)):
                let position = index < 0 ? items.count + index : index
                guard items.indices.contains(position) else { return nil }
                current = items[position]
            default:
                return nil
            }
        }
        return current
    }

    /// A malformed path.
    struct PathError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
