import Monitor
import Testing

/// Answers of Prometheus' `/api/v1/query`, as Prometheus 2.x writes them.
@Suite struct PrometheusQueryResultTests {
    private func parse(_ json: String, status: Int = 200) throws(PrometheusError) -> PrometheusQueryResult {
        try PrometheusQueryResult.parse(Array(json.utf8), httpStatus: status, url: "http://127.0.0.1:9090")
    }

    @Test func aVectorGivesItsWorstSeries() throws {
        let result = try parse("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"path":"/api/signals"},"value":[1700000000.5,"0.02"]},
              {"metric":{"path":"/api/orders"},"value":[1700000000.5,"0.31"]}]}}
            """)
        #expect(result.samples.count == 2)
        #expect(result.samples[0].labels == ["path": "/api/signals"])
        #expect(result.worstValue == 0.31)
    }

    @Test func aScalarIsOneSample() throws {
        let result = try parse(#"{"status":"success","data":{"resultType":"scalar","result":[1700000000.5,"1.5"]}}"#)
        #expect(result.samples == [.init(labels: [:], value: 1.5)])
        #expect(result.worstValue == 1.5)
    }

    @Test func anEmptyVectorOrNaNIsNoData() throws {
        #expect(try parse(#"{"status":"success","data":{"resultType":"vector","result":[]}}"#).worstValue == nil)
        let nan = try parse(#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}}"#)
        #expect(nan.samples.count == 1)
        #expect(nan.worstValue == nil)
    }

    @Test func infinityIsAValueAboveAnyLimit() throws {
        let result = try parse(#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"+Inf"]},{"metric":{},"value":[1,"-Inf"]}]}}"#)
        #expect(result.worstValue == .infinity)
    }

    @Test func aRejectedQueryCarriesPrometheusExplanation() {
        let error = #expect(throws: PrometheusError.self) {
            try parse(#"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected \")\""}"#, status: 400)
        }
        #expect(error == .queryRejected(errorType: "bad_data", message: #"1:5: parse error: unexpected ")""#))
        #expect(error?.isBadQuery == true)
    }

    @Test func anExecutionErrorIsNotTheQuerysFault() {
        let error = #expect(throws: PrometheusError.self) {
            try parse(#"{"status":"error","errorType":"timeout","error":"query timed out"}"#, status: 503)
        }
        #expect(error?.isBadQuery == false)
    }

    @Test func aRangeVectorIsRefusedWithAHint() {
        let error = #expect(throws: PrometheusError.self) {
            try parse(#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#)
        }
        #expect(error == .unsupportedResultType("matrix"))
        #expect(error?.description.contains("instant vector or a scalar") == true)
    }

    @Test func aPageThatIsNotPrometheusNamesTheURL() {
        let error = #expect(throws: PrometheusError.self) { try parse("404 page not found", status: 404) }
        #expect(error == .unexpectedStatus(404, url: "http://127.0.0.1:9090"))
    }

    @Test(arguments: [
        #"{"status":"success"}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1]}]}}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"lots"]}]}}"#,
        "[]",
    ])
    func malformedAnswersAreReported(json: String) {
        #expect(throws: PrometheusError.self) { try parse(json) }
    }
}
