import Foundation
import GRDB

/// How the SQLite store writes and reads `RunRecord`s: the values and the reading are
/// `RunRecord+Columns` and `RunRowAssembly`, shared with every backend; this binds them to
/// GRDB. Unsigned values are stored by bit pattern, so every `UInt64` reads back as written;
/// NaN rates and means, stored as NULL, read back as NaN.
extension RunRecord {
    // MARK: Writing

    /// Inserts the run, its histograms and its series; returns the new run id. The caller
    /// provides the transaction.
    func insert(_ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: Self.insertion(into: "runs", Self.runColumns))
            .execute(arguments: StatementArguments(try runValues().map(\.databaseValue)))
        let runID = db.lastInsertedRowID
        let insertHistogram = try db.cachedStatement(sql: Self.insertion(into: "histograms", Self.histogramColumns))
        for values in histogramValues(runID: runID) {
            try insertHistogram.execute(arguments: StatementArguments(values.map(\.databaseValue)))
        }
        let insertPoint = try db.cachedStatement(sql: Self.insertion(into: "series", Self.seriesColumns))
        for values in seriesValues(runID: runID) {
            try insertPoint.execute(arguments: StatementArguments(values.map(\.databaseValue)))
        }
        return runID
    }

    private static func insertion(into table: String, _ columns: [String]) -> String {
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(marks))"
    }

    // MARK: Reading

    /// The runs selected by `condition` (an SQL expression over `runs`), with their histograms
    /// and series, in start order.
    static func fetchAll(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [RunRecord] {
        let selection = "SELECT id FROM runs WHERE \(condition)"
        var assembly = RunRowAssembly()
        let histogramRows = try Row.fetchCursor(db, sql: """
            SELECT \(RunRowAssembly.histogramSelection) FROM histograms WHERE run_id IN (\(selection))
            """, arguments: arguments)
        while let row = try histogramRows.next() { try assembly.addHistogram(row) }
        // Columns by position: a run has a row per second, and looking columns up by name
        // would dominate reading thousands of runs.
        let seriesRows = try Row.fetchCursor(db, sql: """
            SELECT \(RunRowAssembly.seriesSelection) FROM series WHERE run_id IN (\(selection)) ORDER BY run_id, second
            """, arguments: arguments)
        while let row = try seriesRows.next() { try assembly.addSeriesPoint(row) }
        return try Row.fetchAll(db, sql: """
            SELECT \(RunRowAssembly.runSelection) FROM runs WHERE \(condition) ORDER BY started_at, id
            """, arguments: arguments).map(assembly.record)
    }
}

extension Row: StoredRow {
    package func integer(at index: Int) throws -> Int64? { try decode(Int64?.self, atIndex: index) }
    package func real(at index: Int) throws -> Double? { try decode(Double?.self, atIndex: index) }
    package func text(at index: Int) throws -> String? { try decode(String?.self, atIndex: index) }
    package func blob(at index: Int) throws -> Data? { try decode(Data?.self, atIndex: index) }
}

extension StoredValue {
    /// The value as GRDB binds it.
    var databaseValue: DatabaseValue {
        switch self {
        case .integer(let value): value?.databaseValue ?? .null
        case .real(let value): value?.databaseValue ?? .null
        case .text(let value): value?.databaseValue ?? .null
        case .blob(let value): value.databaseValue
        }
    }
}
