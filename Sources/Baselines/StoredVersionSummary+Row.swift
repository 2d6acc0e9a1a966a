import Foundation
import Units

extension StoredVersionSummary {
    /// A summary from a row of columns version, scenario, runs, first, last (start times as
    /// stored), completed, interrupted, failed.
    package init(stored row: some StoredRow) throws {
        func required<Value>(_ value: Value?, _ column: String) throws -> Value {
            guard let value else { throw DamagedRow(detail: "summary column \(column) is NULL") }
            return value
        }
        func date(_ index: Int, _ column: String) throws -> Date {
            let text = try required(row.text(at: index), column)
            guard let date = Timestamp.date(from: text) else {
                throw DamagedRow(detail: "started_at '\(text)' is not an ISO 8601 date")
            }
            return date
        }
        func count(_ index: Int, _ column: String) throws -> Int { Int(try required(row.integer(at: index), column)) }
        self.init(version: try required(row.text(at: 0), "version"), scenario: try required(row.text(at: 1), "scenario"),
                  runCount: try count(2, "runs"), firstStartedAt: try date(3, "first"), lastStartedAt: try date(4, "last"),
                  runsByStatus: [.completed: try count(5, "completed"), .interrupted: try count(6, "interrupted"),
                                 .failed: try count(7, "failed")])
    }
}
