import JSON

extension PrometheusQueryResult {
    /// Reads the JSON body of a range query answer (`/api/v1/query_range`): every point of every
    /// series, one sample each, series after series. Refusals are read as `parse` reads them.
    public static func parseRange(_ body: [UInt8], httpStatus: Int, url: String) throws(PrometheusError) -> PrometheusQueryResult {
        let data = try answer(body, httpStatus: httpStatus, url: url)
        guard let resultType = data["resultType"]?.string else { throw .malformedResponse("no data.resultType") }
        guard resultType == "matrix" else { throw .unsupportedResultType(resultType) }
        guard let series = data["result"]?.array else { throw .malformedResponse("data.result is not a list of series") }
        var samples: [Sample] = []
        for entry in series {
            let seriesLabels = labels(entry["metric"])
            guard let points = entry["values"]?.array else { throw .malformedResponse("a series has no values") }
            for point in points { samples.append(Sample(labels: seriesLabels, value: try sampleValue(point))) }
        }
        return PrometheusQueryResult(samples: samples)
    }
}
