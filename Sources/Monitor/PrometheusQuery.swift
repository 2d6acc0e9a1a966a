import Foundation

/// One `--query NAME='PromQL'`: an expression whose value the monitor reads from Prometheus and
/// judges under the threshold keyed NAME.
public struct PrometheusQuery: Sendable, Equatable {
    /// The name thresholds use, like a Prometheus metric name: `http_5xx_ratio`.
    public var name: String
    /// The PromQL expression, evaluated as an instant query.
    public var expression: String

    /// Creates a query.
    public init(name: String, expression: String) {
        self.name = name
        self.expression = expression
    }

    /// Reads `NAME=EXPRESSION`; the name must look like a Prometheus metric name so that it reads
    /// unambiguously inside `--threshold NAME:LIMIT`.
    public static func parse(_ text: String) throws(MonitorInputError) -> PrometheusQuery {
        guard let equals = text.firstIndex(of: "=") else {
            throw .query(text, reason: #"expected NAME='PromQL', e.g. error_ratio='sum(rate(http_requests_total{status=~"5.."}[1m])) / sum(rate(http_requests_total[1m]))'"#)
        }
        let name = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let expression = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard let first = name.first, first.isASCII, first.isLetter || first == "_",
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw .query(text, reason: "'\(name)' is not a name: use letters, digits and _, starting with a letter or _")
        }
        guard !expression.isEmpty else { throw .query(text, reason: "no PromQL expression after '\(name)='") }
        return PrometheusQuery(name: name, expression: expression)
    }
}
