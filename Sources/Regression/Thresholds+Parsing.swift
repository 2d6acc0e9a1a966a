import Foundation

extension Thresholds {
    /// Reads `--threshold` values in order, later ones winning: `10` or `10%` sets the global
    /// percent, `p99=15` overrides one metric, `error_rate=0.5` sets the error-rate threshold
    /// in percentage points. No values gives the defaults.
    public static func parse(_ values: [String]) throws(ThresholdError) -> Thresholds {
        var thresholds = Thresholds()
        for value in values {
            let text = value.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { throw .empty }
            if let equals = text.firstIndex(of: "=") {
                let name = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
                guard let metric = Metric(name: name) else {
                    throw .unknownMetric(name, in: text, suggestion: Metric.closest(to: name))
                }
                thresholds.overrides[metric] = try amount(String(text[text.index(after: equals)...]), in: text)
            } else {
                thresholds.percent = try amount(text, in: text)
            }
        }
        return thresholds
    }

    /// A plain decimal with an optional `%`. `Double(_:)` alone would also take `1e3`, `0x10`
    /// and `inf`, none of which anyone means as a threshold.
    private static func amount(_ text: String, in value: String) throws(ThresholdError) -> Double {
        var number = text.trimmingCharacters(in: .whitespaces)
        if number.hasSuffix("%") { number = String(number.dropLast()).trimmingCharacters(in: .whitespaces) }
        if number.hasPrefix("-"), Double(number.dropFirst()) != nil { throw .negative(value) }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let amount = Double(number)
        else { throw .notANumber(text.trimmingCharacters(in: .whitespaces), in: value) }
        return amount
    }
}
