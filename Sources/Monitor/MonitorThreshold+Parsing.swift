import Foundation
import Units

extension MonitorThreshold {
    /// Reads `--threshold` values, each one `KEY:LIMIT` or several joined by commas
    /// (`error_rate:0.05,latency_p95:1000ms`). Keys are the probe's signals or the names of
    /// `queries`, which win over a probe key of the same name. Limits: `5%` or `0.05` for rates,
    /// `1000ms`, `1s` or bare seconds for latencies, and for queries a number, a percentage or a
    /// duration (compared in seconds, as PromQL writes durations).
    public static func parse(_ values: [String], queryNames: Set<String> = []) throws(MonitorInputError) -> [MonitorThreshold] {
        var thresholds: [MonitorThreshold] = []
        for value in values {
            let items = value.split(separator: ",", omittingEmptySubsequences: false)
            for item in items.map({ String($0).trimmingCharacters(in: .whitespaces) }) {
                let threshold = try parseItem(item, queryNames: queryNames)
                guard !thresholds.contains(where: { $0.key == threshold.key }) else {
                    throw .threshold(item, reason: "\(threshold.key) has a threshold already; give each key once")
                }
                thresholds.append(threshold)
            }
        }
        return thresholds
    }

    private static func parseItem(_ item: String, queryNames: Set<String>) throws(MonitorInputError) -> MonitorThreshold {
        guard let colon = item.firstIndex(of: ":") else {
            throw .threshold(item, reason: "expected KEY:LIMIT, e.g. error_rate:0.05 or latency_p95:1000ms")
        }
        let key = String(item[..<colon]).trimmingCharacters(in: .whitespaces)
        let limitText = String(item[item.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        guard !limitText.isEmpty else { throw .threshold(item, reason: "no limit after '\(key):'") }
        if queryNames.contains(key) {
            let (limit, unit) = try queryLimit(limitText, item: item)
            return MonitorThreshold(key: key, signal: .query(key), limit: limit, unit: unit)
        }
        guard let signal = MonitorSignal(probeKey: key) else {
            throw .threshold(item, reason: unknownKey(key, queryNames: queryNames))
        }
        return MonitorThreshold(key: key, signal: signal, limit: try probeLimit(limitText, of: signal, item: item),
                                unit: signal.unit)
    }

    private static func probeLimit(_ text: String, of signal: MonitorSignal, item: String) throws(MonitorInputError) -> Double {
        switch signal.unit {
        case .proportion:
            do { return try ProportionText.parse(text) } catch { throw .threshold(item, reason: error.description) }
        case .seconds:
            do { return try DurationText.parse(text).seconds } catch { throw .threshold(item, reason: error.description) }
        case .number:
            return try plainNumber(text, item: item)
        }
    }

    /// A query's limit in the unit it is written in: `5%`, `1s` (seconds) or a plain number.
    private static func queryLimit(_ text: String, item: String) throws(MonitorInputError) -> (Double, SignalUnit) {
        if text.hasSuffix("%") {
            do { return (try ProportionText.parse(text), .proportion) } catch { throw .threshold(item, reason: error.description) }
        }
        if text.contains(where: \.isLetter) {
            do { return (try DurationText.parse(text).seconds, .seconds) } catch { throw .threshold(item, reason: error.description) }
        }
        return (try plainNumber(text, item: item), .number)
    }

    /// A plain decimal, perhaps negative; `Double(_:)` alone would also take `1e3`, `0x10` and `inf`.
    private static func plainNumber(_ text: String, item: String) throws(MonitorInputError) -> Double {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let value = Double(text) else {
            throw .threshold(item, reason: "'\(text)' is not a number; write e.g. 0.05, 5% or 1s")
        }
        return value
    }

    private static func unknownKey(_ key: String, queryNames: Set<String>) -> String {
        let known = MonitorSignal.probeKeys + queryNames.sorted()
        let hint = Suggestion.closest(to: key, among: known).map { " did you mean \($0)?" } ?? ""
        let queries = queryNames.isEmpty ? ", or the NAME of a --query NAME='PromQL'" : ""
        return "unknown key '\(key)';\(hint) keys: \(known.joined(separator: ", "))\(queries)"
    }
}
