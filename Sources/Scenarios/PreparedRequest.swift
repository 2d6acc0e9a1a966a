import LoadEngine
import Transports

/// A step's request with what does not change between iterations worked out once: the header
/// list (the step's own, then the scenario's defaults it does not override, then the JSON
/// content type), the method's syntax and the syntax of header lines without placeholders.
/// Only rendered header lines are checked per request: a captured value carrying CR or LF
/// would inject header lines. A class: rendering then borrows the step rather than copying
/// (and retaining) each of its fields on every request.
final class PreparedRequest: Sendable {
    private struct Header: Sendable {
        let prefix: String
        let value: Template
        /// The line and its problem, when the value has no placeholder.
        let fixedLine: String?
        let fixedProblem: LoadEngineError?
    }

    private let step: Step
    private let baseURL: String
    private let headers: [Header]
    private let methodProblem: LoadEngineError?

    init(_ step: Step, defaultHeaders: [HeaderTemplate], baseURL: String) {
        self.step = step
        self.baseURL = baseURL
        var names: Set<String> = []
        var headers: [Header] = []
        var templates = (step.headers + defaultHeaders).filter { names.insert($0.name.lowercased()).inserted }
        if case .json = step.body, !names.contains("content-type") {
            templates.append(HeaderTemplate(name: "Content-Type", value: Template(literal: "application/json")))
        }
        for header in templates {
            let prefix = "\(header.name): "
            let fixedLine = header.value.literalText.map { prefix + $0 }
            headers.append(Header(prefix: prefix, value: header.value, fixedLine: fixedLine,
                                  fixedProblem: fixedLine.flatMap(Self.problem(inHeaderLine:))))
        }
        self.headers = headers
        methodProblem = HTTPFieldSyntax.isToken(step.method) ? nil
            : .unsendable(.method, value: step.method, reason: "not an HTTP method token")
    }

    /// The request for `scope`, or why it may not be sent (its method or a header line, as
    /// `HTTPFieldSyntax.problem(in:)` says).
    func render(_ scope: VariableScope) -> Result<RequestSpec, LoadEngineError> {
        if let methodProblem { return .failure(methodProblem) }
        var lines: [String] = []
        lines.reserveCapacity(headers.count)
        for header in headers {
            if let line = header.fixedLine {
                if let problem = header.fixedProblem { return .failure(problem) }
                lines.append(line)
            } else {
                let line = header.prefix + header.value.render(scope)
                if let problem = Self.problem(inHeaderLine: line) { return .failure(problem) }
                lines.append(line)
            }
        }
        let path = step.path.render(scope)
        let url = path.hasPrefix("http://") || path.hasPrefix("https://") ? path
            : baseURL + (path.hasPrefix("/") ? path : "/" + path)
        return .success(RequestSpec(url: url, method: step.method, headers: lines, body: step.body?.render(scope)))
    }

    private static func problem(inHeaderLine line: String) -> LoadEngineError? {
        HTTPFieldSyntax.problem(inHeaderLine: line).map { .unsendable(.header, value: line, reason: $0) }
    }
}
