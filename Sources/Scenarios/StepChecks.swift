import JSON
import Foundation
import LoadEngine

/// Everything a step's response is judged on, in the order summaries list it: the status
/// (the step's own status check, or "not 4xx/5xx" when it has none), its other checks, then
/// its captures. Judging a response fills the iteration's variables and says whether, and
/// why, the step failed.
final class StepChecks: Sendable {
    /// How each item is named in summaries.
    let labels: [String]
    /// Where each item is written in the file (the step itself for the implicit status check).
    let locations: [SourceLocation]
    private let step: Step
    private let explicitStatus: Set<Int>?
    private let otherChecks: [Check]
    /// The parts of the response a check or capture reads: the transport keeps only these.
    let reads: ResponseParts
    /// The top-level members the step's JSON paths start from, when every path starts with
    /// one: parsing keeps only these. nil when a path reaches the whole document or an index.
    private let jsonRoots: [String]?

    init(_ step: Step) {
        self.step = step
        var status: Set<Int>? = nil
        var others: [Check] = []
        for check in step.checks {
            if case .status(let codes) = check.condition { status = codes } else { others.append(check) }
        }
        explicitStatus = status
        otherChecks = others
        var reads: ResponseParts = []
        let readsBody = others.contains { check in
            switch check.condition {
            case .status, .latencyUnder: false
            case .bodyContains, .jsonExists, .jsonEquals, .jsonMatches: true
            }
        } || step.captures.contains { capture in
            if case .header = capture.source { false } else { true }
        }
        if readsBody { reads.insert(.body) }
        if step.captures.contains(where: { if case .header = $0.source { true } else { false } }) { reads.insert(.headers) }
        self.reads = reads
        var paths: [JSONPath] = others.compactMap { check in
            switch check.condition {
            case .jsonExists(let path), .jsonEquals(let path, _), .jsonMatches(let path, _, _): path
            case .status, .latencyUnder, .bodyContains: nil
            }
        }
        paths += step.captures.compactMap { if case .json(let path) = $0.source { path } else { nil } }
        jsonRoots = Self.roots(of: paths)
        let statusCheck = step.checks.first { if case .status = $0.condition { true } else { false } }
        labels = [statusCheck?.label ?? "status < 400"] + others.map(\.label) + step.captures.map { "capture \($0.variable)" }
        locations = [statusCheck?.location ?? step.location] + others.map(\.location) + step.captures.map(\.location)
    }

    /// The distinct first members of `paths`; nil when one of them starts otherwise.
    static func roots(of paths: [JSONPath]) -> [String]? {
        var roots: [String] = []
        for path in paths {
            guard case .member(let name)? = path.components.first else { return nil }
            if !roots.contains(name) { roots.append(name) }
        }
        return roots
    }

    /// How one item fared.
    enum ItemOutcome: Equatable {
        case passed
        case failed(String)
        /// Not judged: a capture after a failed check.
        case skipped

        init(failure: String?) { self = failure.map(ItemOutcome.failed) ?? .passed }

        var failure: String? {
            if case .failed(let message) = self { return message }
            return nil
        }
    }

    /// The verdict on one exchange.
    struct Verdict {
        /// Each item's outcome, by label index; empty when the exchange was abandoned
        /// (nothing to judge).
        var items: [ItemOutcome] = []
        /// How the request counts in error rates: nil for a success.
        var failure: ErrorKind?
        /// The first failure message, for the iteration.
        var firstFailure: String? { items.lazy.compactMap(\.failure).first }
    }

    /// The verdict on a request that was not sent because `message` (a rendered value could not
    /// be sent): a failed check.
    func refused(_ message: String) -> Verdict { noResponse(message, failure: .check) }

    /// The first item failed with `message`, the others skipped: there is no response to judge.
    private func noResponse(_ message: String, failure: ErrorKind) -> Verdict {
        Verdict(items: [.failed(message)] + Array(repeating: .skipped, count: labels.count - 1), failure: failure)
    }

    /// Judges `exchange`, intended at `intended`, and on success stores its captures in `scope`.
    func judge(_ exchange: HTTPExchange, intended: Int64, scope: inout VariableScope) -> Verdict {
        var verdict = Verdict()
        switch exchange.ending {
        case .abandoned:
            return verdict
        case .failed(let kind):
            return noResponse("no response: \(kind.rawValue)", failure: kind)
        case .response:
            break
        }
        let status = exchange.status
        let statusPassed = explicitStatus.map { $0.contains(status) } ?? (status < 400)
        verdict.items.append(statusPassed ? .passed : .failed("got status \(status)"))
        if !statusPassed { verdict.failure = ErrorKind(httpStatus: status) ?? .check }
        var document = LazyJSON(exchange.body, keepingTopLevelMembers: jsonRoots)
        for check in otherChecks {
            verdict.items.append(ItemOutcome(failure: evaluate(check, exchange: exchange, intended: intended, scope: scope,
                                                               document: &document)))
        }
        for capture in step.captures {
            // After a failure the response is not what the flow expects: capture nothing more.
            guard verdict.firstFailure == nil else {
                verdict.items.append(.skipped)
                continue
            }
            switch value(of: capture.source, exchange: exchange, document: &document) {
            case .success(let value):
                scope[capture.variable] = value
                verdict.items.append(.passed)
            case .failure(let message):
                verdict.items.append(.failed(message.text))
            }
        }
        if verdict.failure == nil, verdict.firstFailure != nil { verdict.failure = .check }
        return verdict
    }

    private func evaluate(_ check: Check, exchange: HTTPExchange, intended: Int64, scope: VariableScope,
                          document: inout LazyJSON) -> String? {
        switch check.condition {
        case .status:
            return nil
        case .latencyUnder(let limit):
            let latency = Duration.nanoseconds(exchange.completedNanoseconds - intended)
            return latency < limit ? nil : "latency \(String(format: "%.3f", latency.seconds * 1_000)) ms"
        case .bodyContains(let template):
            let expected = template.render(scope)
            return String(decoding: exchange.body, as: UTF8.self).contains(expected) ? nil : "body does not contain '\(expected)'"
        case .jsonExists(let path):
            return lookup(path, in: &document).failureText
        case .jsonEquals(let path, let template):
            let expected = template.render(scope)
            switch lookup(path, in: &document) {
            case .success(let value): return value.captured.text == expected ? nil : "\(path) is \(value.compactText), expected \(expected)"
            case .failure(let message): return message.text
            }
        case .jsonMatches(let path, let regex, let pattern):
            switch lookup(path, in: &document) {
            case .success(let value):
                return regex.matches(value.captured.text) ? nil : "\(path) is \(value.compactText), does not match \(pattern)"
            case .failure(let message): return message.text
            }
        }
    }

    private func value(of source: Capture.Source, exchange: HTTPExchange,
                       document: inout LazyJSON) -> Result<CapturedValue, FailureText> {
        switch source {
        case .json(let path):
            return lookup(path, in: &document).map(\.captured)
        case .header(let name):
            guard let value = exchange.header(name) else { return .failure(FailureText("no \(name) header in the response")) }
            return .success(.string(value))
        case .regex(let expression, let pattern, let group):
            let body = String(decoding: exchange.body, as: UTF8.self)
            guard let match = expression.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)),
                  let range = Range(match.range(at: group), in: body) else {
                return .failure(FailureText("'\(pattern)' does not match the response body"))
            }
            return .success(.string(String(body[range])))
        }
    }

    private func lookup(_ path: JSONPath, in document: inout LazyJSON) -> Result<JSONValue, FailureText> {
        guard let root = document.value else { return .failure(FailureText("the response body is not JSON")) }
        guard let value = path.value(in: root) else { return .failure(FailureText("\(path) not found in the response body")) }
        return .success(value)
    }
}

/// Why an item failed.
struct FailureText: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

extension Result where Failure == FailureText {
    var failureText: String? {
        if case .failure(let message) = self { return message.text }
        return nil
    }
}

/// A response body parsed as JSON on first use, once, whatever number of checks read it.
struct LazyJSON {
    private let body: [UInt8]
    private let keptTopLevelMembers: [String]?
    private var parsed: JSONValue??

    /// `body`, of whose top-level object only the members in `kept` are needed (all of them when nil).
    init(_ body: [UInt8], keepingTopLevelMembers kept: [String]?) {
        self.body = body
        keptTopLevelMembers = kept
    }

    var value: JSONValue? {
        mutating get {
            if let parsed { return parsed }
            let value = keptTopLevelMembers.map { JSONValue.parse(body, keepingTopLevelMembers: $0) } ?? JSONValue.parse(body)
            parsed = .some(value)
            return value
        }
    }
}
