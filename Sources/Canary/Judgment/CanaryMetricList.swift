import Foundation
import Monitor
import Regression
import Units

/// Reads `--metrics`, `--query`, `--tolerance` and `--direction` into the metrics the judge
/// compares.
public enum CanaryMetricList {
    /// The probe's metrics by name.
    public static let probeNames = ["latency", "error_rate"]
    /// Where a query's expression takes each side's label matchers.
    public static let groupPlaceholder = "{{group}}"

    /// The metrics to judge. `metrics` are names joined by commas (empty: the probe's metrics when
    /// `probing`, then every query); `queries` are `NAME='PromQL with {{group}}'`; `tolerances` and
    /// `directions` are `NAME=VALUE`, for metrics in the list.
    public static func parse(metrics: [String], queries: [String], tolerances: [String], directions: [String],
                             probing: Bool) throws(CanaryInputError) -> [CanaryMetric] {
        let templates = try parseQueries(queries)
        var names = try names(in: metrics, flag: "--metrics")
        if names.isEmpty { names = (probing ? probeNames : []) + templates.map(\.name) }
        var list: [CanaryMetric] = []
        for name in names {
            list.append(try metric(named: name, templates: templates, listed: metrics))
        }
        if let unjudged = templates.first(where: { query in !names.contains(query.name) }) {
            throw CanaryInputError(flag: "--query", value: unjudged.name,
                                   reason: "not in --metrics; add it (--metrics \((names + [unjudged.name]).joined(separator: ",")))")
        }
        for (name, value) in try pairs(tolerances, flag: "--tolerance", known: names) {
            let index = list.firstIndex { $0.name == name }!
            list[index].tolerance = try tolerance(value, for: list[index], item: "\(name)=\(value)")
        }
        for (name, value) in try pairs(directions, flag: "--direction", known: names) {
            let index = list.firstIndex { $0.name == name }!
            list[index].direction = try direction(value, item: "\(name)=\(value)")
        }
        return list
    }

    // MARK: Names

    private static func names(in values: [String], flag: String) throws(CanaryInputError) -> [String] {
        var names: [String] = []
        for value in values {
            try refuseControlCharacters(value, flag: flag)
            for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                let name = item.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw CanaryInputError(flag: flag, value: value, reason: "an empty name between commas") }
                guard !names.contains(name) else { throw CanaryInputError(flag: flag, value: value, reason: "\(name) is listed twice") }
                names.append(name)
            }
        }
        return names
    }

    private static func metric(named name: String, templates: [PrometheusQuery], listed: [String]) throws(CanaryInputError) -> CanaryMetric {
        if let query = templates.first(where: { $0.name == name }) {
            return CanaryMetric(name: name, source: .query(template: query.expression), direction: defaultDirection(of: name),
                                tolerance: .relative(0.1))
        }
        switch name {
        case "latency": return CanaryMetric(name: name, source: .latency, direction: .higherIsWorse, tolerance: .relative(0.1))
        case "error_rate": return CanaryMetric(name: name, source: .errorRate, direction: .higherIsWorse, tolerance: .absolute(0.01))
        default:
            let known = probeNames + templates.map(\.name)
            let hint = Suggestion.closest(to: name, among: known).map { " did you mean \($0)?" } ?? ""
            throw CanaryInputError(flag: "--metrics", value: listed.joined(separator: ","),
                                   reason: "unknown metric '\(name)';\(hint) metrics: latency, error_rate (probed), "
                                       + "or the NAME of a --query NAME='PromQL with {{group}}'")
        }
    }

    /// The runbook's business metric loses when it falls; everything else when it rises.
    private static func defaultDirection(of name: String) -> MetricDirection {
        name == "trading_pnl" ? .lowerIsWorse : .higherIsWorse
    }

    // MARK: Queries

    private static func parseQueries(_ values: [String]) throws(CanaryInputError) -> [PrometheusQuery] {
        var queries: [PrometheusQuery] = []
        for value in values {
            try refuseControlCharacters(value, flag: "--query")
            let query: PrometheusQuery
            do { query = try PrometheusQuery.parse(value) } catch {
                if case .query(_, let reason) = error { throw CanaryInputError(flag: "--query", value: value, reason: reason) }
                throw CanaryInputError(flag: "--query", value: value, reason: error.description)
            }
            guard query.expression.contains(groupPlaceholder) else {
                throw CanaryInputError(flag: "--query", value: value, reason: "no {{group}} in the expression: it is evaluated once "
                    + "for each side with {{group}} replaced by --baseline-group or --canary-group, e.g. "
                    + "latency_p50='histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket{{{group}}}[10s])))'")
            }
            guard !probeNames.contains(query.name) else {
                throw CanaryInputError(flag: "--query", value: value, reason: "\(query.name) is the probe's own metric; give the query another name")
            }
            guard !queries.contains(where: { $0.name == query.name }) else {
                throw CanaryInputError(flag: "--query", value: value, reason: "\(query.name) is defined twice")
            }
            queries.append(query)
        }
        return queries
    }

    // MARK: Tolerances and directions

    private static func pairs(_ values: [String], flag: String, known: [String]) throws(CanaryInputError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for value in values {
            try refuseControlCharacters(value, flag: flag)
            for item in value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let equals = item.firstIndex(of: "=") else {
                    throw CanaryInputError(flag: flag, value: item, reason: "expected NAME=VALUE, e.g. latency=10%")
                }
                let name = String(item[..<equals]).trimmingCharacters(in: .whitespaces)
                let setting = String(item[item.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
                guard known.contains(name) else {
                    throw CanaryInputError(flag: flag, value: item, reason: "'\(name)' is not a judged metric (judged: \(known.joined(separator: ", ")))")
                }
                guard !setting.isEmpty else { throw CanaryInputError(flag: flag, value: item, reason: "no value after '\(name)='") }
                pairs.append((name, setting))
            }
        }
        return pairs
    }

    /// `10%` is a share of the baseline's value; otherwise an amount in the metric's unit: a
    /// duration for latency, a proportion (points) for the error rate, a number for a query.
    private static func tolerance(_ text: String, for metric: CanaryMetric, item: String) throws(CanaryInputError) -> CanaryTolerance {
        let invalid = { (why: String) in CanaryInputError(flag: "--tolerance", value: item, reason: why) }
        switch metric.source {
        case .errorRate:
            // A rate is a proportion already: its tolerance is in points, 1% = 0.01 more errors.
            do { return .absolute(try ProportionText.parse(text)) } catch { throw invalid(error.description + " (percentage points of errors)") }
        case .latency where !text.hasSuffix("%"):
            do { return .absolute(try DurationText.parse(text).seconds) } catch { throw invalid(error.description + ", or a share such as 10%") }
        case .latency, .query:
            if text.hasSuffix("%") {
                guard let percent = Double(text.dropLast()), percent.isFinite, percent >= 0, percent <= 10_000 else {
                    throw invalid("'\(text)' is not a percentage from 0% to 10000%")
                }
                return .relative(percent / 100)
            }
            guard let amount = Double(text), amount.isFinite, amount >= 0,
                  text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else {
                throw invalid("'\(text)' is not a share (10%) or an amount zero or more in the query's unit (0.5)")
            }
            return .absolute(amount)
        }
    }

    private static func direction(_ text: String, item: String) throws(CanaryInputError) -> MetricDirection {
        switch text.replacingOccurrences(of: "_", with: "-") {
        case "higher-is-worse": .higherIsWorse
        case "lower-is-worse": .lowerIsWorse
        default: throw CanaryInputError(flag: "--direction", value: item, reason: "expected higher-is-worse or lower-is-worse")
        }
    }

    /// Every flag's text goes into lines, JSON and stored runs: no escape sequences there.
    static func refuseControlCharacters(_ value: String, flag: String) throws(CanaryInputError) {
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            throw CanaryInputError(flag: flag, value: RunLabel.printable(value), reason: "contains control characters")
        }
    }
}
