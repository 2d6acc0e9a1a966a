/// What HTTP/1.1 lets a request carry in its method and header fields (RFC 9110 §5.1, §5.5,
/// §9.1): a method and a header name are tokens, a header value has no control character but
/// tab. A CR or LF that got through would end the header early and start another one (header
/// injection) or a second request, and the part after it would escape redaction.
public enum HTTPFieldSyntax {
    /// Whether `text` is a non-empty token (`!#$%&'*+-.^_`|~`, digits and ASCII letters).
    public static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(HTTPToken.allows)
    }

    /// Whether `text` may be sent as a header value: no control character except tab.
    public static func isFieldValue(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
    }

    /// What is wrong with the header line `Name: value`, or nil when it may be sent.
    public static func problem(inHeaderLine line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return "must look like 'Name: value'" }
        let name = String(line[..<colon])
        guard isToken(name) else { return "'\(escaped(name))' is not a valid header name" }
        guard isFieldValue(String(line[line.index(after: colon)...])) else {
            return "the value of \(name) contains a control character (CR, LF or another), which would start a new header line"
        }
        return nil
    }

    /// Why `request` may not be sent (its method or a header line), or nil when it may.
    public static func problem(in request: RequestSpec) -> LoadEngineError? {
        guard isToken(request.method) else {
            return .unsendable(.method, value: request.method, reason: "not an HTTP method token")
        }
        return request.headers.lazy.compactMap { line in
            problem(inHeaderLine: line).map { LoadEngineError.unsendable(.header, value: line, reason: $0) }
        }.first
    }

    /// `text` with control characters written as escapes (`\r\n`), to quote it in a message
    /// without the terminal acting on them.
    public static func escaped(_ text: String) -> String {
        String(text.debugDescription.dropFirst().dropLast())
    }
}
