import Foundation

/// Text with `{{variable}}` placeholders, parsed once when the file is loaded and rendered
/// for every request.
///
/// Besides the file's variables and captures, placeholders may name `__vu` (the virtual
/// user, from 1), `__iteration` (from 0), `$uuid` (a new UUID each time) and `$timestamp`
/// (Unix time in milliseconds).
public struct Template: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case variable(String)
    }

    let segments: [Segment]
    /// The template as written.
    public let source: String

    /// The names of the variables the template uses, built-ins excluded.
    public var variables: [String] {
        segments.compactMap {
            if case .variable(let name) = $0, !Self.builtIns.contains(name) { return name }
            return nil
        }
    }

    /// The one variable the template consists of (`"{{order_id}}"`), if that is all it is.
    var soleVariable: String? {
        guard segments.count == 1, case .variable(let name) = segments[0] else { return nil }
        return name
    }

    /// The literal text the template starts with ("" when it starts with a placeholder).
    var leadingLiteral: String {
        guard case .literal(let text)? = segments.first else { return "" }
        return text
    }

    /// The text, when the template has no placeholder.
    var literalText: String? {
        switch segments.count {
        case 0: ""
        case 1: if case .literal(let text) = segments[0] { text } else { nil }
        default: nil
        }
    }

    /// A template that is `text` as it stands, placeholders or not.
    init(literal text: String) {
        source = text
        segments = text.isEmpty ? [] : [.literal(text)]
    }

    /// Names every scope provides.
    static let builtIns: Set<String> = ["__vu", "__iteration", "$uuid", "$timestamp"]

    /// Parses `text`; the error names the malformed placeholder.
    init(_ text: String) throws(TemplateError) {
        source = text
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { segments.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw TemplateError("'{{' without a closing '}}' in '\(text)'")
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard Self.isValidName(name) else {
                throw TemplateError("'{{\(rest[open.upperBound..<close.lowerBound])}}' is not a variable name (letters, digits, '_'; built-ins \(Self.builtIns.sorted().joined(separator: ", ")))")
            }
            segments.append(.variable(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.literal(String(rest))) }
        self.segments = segments
    }

    /// The text with every placeholder replaced by its value in `scope` (nothing for a
    /// variable the scope lacks: loading makes sure every variable is set before use).
    public func render(_ scope: VariableScope) -> String {
        if segments.count == 1, case .literal(let text) = segments[0] { return text }
        var result = ""
        for segment in segments {
            switch segment {
            case .literal(let text): result += text
            case .variable(let name): result += scope[name]?.text ?? ""
            }
        }
        return result
    }

    static func isValidName(_ name: String) -> Bool {
        if builtIns.contains(name) { return true }
        guard let first = name.unicodeScalars.first, first == "_" || CharacterSet.letters.contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || CharacterSet.alphanumerics.contains($0) }
    }

    /// A malformed placeholder.
    struct TemplateError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}

/// The variables of one iteration: the file's, then what its steps captured.
public struct VariableScope: Sendable {
    private var values: [String: CapturedValue]
    /// The virtual user running the iteration, from 1.
    public let virtualUser: Int
    /// The iteration's number, from 0.
    public let iteration: Int

    /// A scope holding `values`, for `iteration` run by `virtualUser`.
    public init(_ values: [String: CapturedValue], virtualUser: Int, iteration: Int) {
        self.values = values
        self.virtualUser = virtualUser
        self.iteration = iteration
    }

    /// The value of `name`, built-ins included.
    public subscript(name: String) -> CapturedValue? {
        get {
            switch name {
            case "__vu": .number(Double(virtualUser))
            case "__iteration": .number(Double(iteration))
            case "$uuid": .string(UUID().uuidString.lowercased())
            case "$timestamp": .number((Date().timeIntervalSince1970 * 1_000).rounded())
            default: values[name]
            }
        }
        set { values[name] = newValue }
    }
}
