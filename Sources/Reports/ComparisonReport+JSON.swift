import Foundation
import Regression

extension ComparisonReport {
    /// The comparison as pretty-printed JSON with sorted snake_case keys; every row has every
    /// key (absent values as `null`), and `has_regression` gives the gate's answer.
    public static func json(_ comparison: Comparison) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(comparison)
    }
}
