import Monitor
import Testing

@Suite struct PrometheusRangeResultTests {
    @Test func everyPointOfEverySeriesIsASample() throws {
        let body = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"version":"v1"},"values":[[1700000000,"1.5"],[1700000001,"NaN"]]},{"metric":{"version":"v2"},"values":[[1700000000,"2"]]}]}}"#
        let result = try PrometheusQueryResult.parseRange(Array(body.utf8), httpStatus: 200, url: "http://127.0.0.1:9090")
        #expect(result.samples.count == 3)
        #expect(result.samples[0].value == 1.5)
        #expect(result.samples[1].value.isNaN)
        #expect(result.samples[2].labels == ["version": "v2"])
    }

    @Test func aVectorAnswerToARangeQueryIsRefused() {
        let body = #"{"status":"success","data":{"resultType":"vector","result":[]}}"#
        #expect(throws: PrometheusError.unsupportedResultType("vector")) {
            _ = try PrometheusQueryResult.parseRange(Array(body.utf8), httpStatus: 200, url: "http://127.0.0.1:9090")
        }
    }

    @Test func aRefusedRangeQueryCarriesPrometheusReason() {
        let body = #"{"status":"error","errorType":"bad_data","error":"parse error"}"#
        #expect(throws: PrometheusError.queryRejected(errorType: "bad_data", message: "parse error")) {
            _ = try PrometheusQueryResult.parseRange(Array(body.utf8), httpStatus: 400, url: "http://127.0.0.1:9090")
        }
    }
}
