import Foundation
import Regression
import Reports
import Testing

@Suite struct JSONReportTests {
    @Test func decodesBackToTheSameComparison() throws {
        let comparison = SampleComparison.make(hostWarning: "different machines")
        let data = try ComparisonReport.json(comparison)
        #expect(try JSONDecoder().decode(Comparison.self, from: data) == comparison)
    }

    @Test func keysAreSnakeCaseSortedAndAlwaysPresent() throws {
        let text = String(decoding: try ComparisonReport.json(SampleComparison.make()), as: UTF8.self)
        for key in ["\"baseline_version\" : \"v1.2.2\"", "\"current_version\" : \"v1.2.3\"",
                    "\"has_regression\" : true",
                    "\"host_warning\" : null", "\"left_out_runs\"", "\"p_value\" : 0.05", "\"delta_unit\" : \"points\"",
                    "\"baseline_runs\" : 3", "\"test\" : \"mann_whitney_u\"", "\"metric\" : \"p99\"",
                    "\"presence\" : \"current_only\"", "\"verdict\" : null", "\"error_rate\" : 0.5"] {
            #expect(text.contains(key), "\(key)")
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(Set(rows.map { $0.keys.count }).count == 1)
        #expect(text.firstRange(of: "\"alpha\"")!.lowerBound < text.firstRange(of: "\"baseline_version\"")!.lowerBound)
    }
}
