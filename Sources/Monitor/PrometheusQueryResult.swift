import Foundation
import JSON

/// The answer to an instant query of Prometheus' HTTP API (`/api/v1/query`): a vector of
/// labelled samples, or a scalar (one sample without labels).
public struct PrometheusQueryResult: Sendable, Equatable {
    /// One series' value.
    public struct Sample: Sendable, Equatable {
        /// The series' labels (`__name__` included when the query kept it).
        public var labels: [String: String]
        /// The value; Prometheus writes `NaN`, `+Inf` and `-Inf` as such.
        public var value: Double

        /// Creates a sample.
        public init(labels: [String: String], value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    /// The samples, in Prometheus' order.
    public var samples: [Sample]

    /// Creates a result.
    public init(samples: [Sample]) {
        self.samples = samples
    }

    /// The value a threshold judges: the largest sample (the worst series, as an alert rule fires
    /// on any series above its limit); nil when the result is empty or every sample is NaN (a
    /// ratio with no traffic), which is no data rather than a breach.
    public var worstValue: Double? {
        samples.map(\.value).filter { !$0.isNaN }.max()
    }

    /// Reads the JSON body of a query answer. Prometheus explains a refused query in the body of
    /// a 4xx or 5xx answer, so the body is read whatever `httpStatus` is; `url` is named when the
    /// body is not Prometheus' at all.
    public static func parse(_ body: [UInt8], httpStatus: Int, url: String) throws(PrometheusError) -> PrometheusQueryResult {
        let data = try answer(body, httpStatus: httpStatus, url: url)
        guard let resultType = data["resultType"]?.string else { throw .malformedResponse("no data.resultType") }
        switch resultType {
        case "vector":
            guard let series = data["result"]?.array else { throw .malformedResponse("data.result is not a list of series") }
            return PrometheusQueryResult(samples: try series.map { entry throws(PrometheusError) in
                Sample(labels: labels(entry["metric"]), value: try sampleValue(entry["value"]))
            })
        case "scalar":
            return PrometheusQueryResult(samples: [Sample(labels: [:], value: try sampleValue(data["result"]))])
        default:
            throw .unsupportedResultType(resultType)
        }
    }

    /// The `data` of a successful answer; Prometheus' own refusal, or an answer that is not
    /// Prometheus', as an error.
    static func answer(_ body: [UInt8], httpStatus: Int, url: String) throws(PrometheusError) -> JSONValue {
        guard let document = JSONValue.parse(body), let status = document["status"]?.string else {
            if !(200..<300).contains(httpStatus) { throw .unexpectedStatus(httpStatus, url: url) }
            throw .malformedResponse("no JSON object with a \"status\" field")
        }
        guard status == "success" else {
            throw .queryRejected(errorType: document["errorType"]?.string ?? "unknown",
                                 message: document["error"]?.string ?? "no explanation given")
        }
        guard let data = document["data"] else { throw .malformedResponse("no data") }
        return data
    }

    /// A series' labels: its `metric` object's string members.
    static func labels(_ metric: JSONValue?) -> [String: String] {
        guard case .object(let members) = metric else { return [:] }
        return members.compactMapValues(\.string)
    }

    /// A `[unix_time, "value"]` pair's value.
    static func sampleValue(_ pair: JSONValue?) throws(PrometheusError) -> Double {
        guard let pair = pair?.array, pair.count == 2, let text = pair[1].string else {
            throw .malformedResponse("a sample is not [time, \"value\"]")
        }
        switch text {
        case "NaN": return .nan
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            guard let value = Double(text) else { throw .malformedResponse("sample value '\(text)' is not a number") }
            return value
        }
    }
}
