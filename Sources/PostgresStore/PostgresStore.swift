import Baselines
import Foundation
import Units

/// The baselines store in a PostgreSQL database, shared by every CI runner that reaches it:
/// the same logical schema and migrations as the SQLite store (`PostgresSchema`), the same
/// mapping from runs to rows (`RunRecord+Columns`, `RunRowAssembly`).
///
/// Safe with many concurrent writers: each save is one transaction (run, histograms and
/// series), run ids come from an identity sequence, so concurrent saves never collide or lose
/// a run. A database that holds something else is refused untouched.
public final class PostgresStore: RunStore {
    /// The store's URL without its password.
    public var location: String { session.location.description }
    private let session: PostgresSession

    private init(session: PostgresSession) {
        self.session = session
    }

    // MARK: Opening

    /// Connects to `location` and opens the store for `access`: `.create` makes the schema in
    /// an empty database; `.read` opens a read-only session and changes nothing.
    ///
    /// - Throws: `cannotConnect` when the server cannot be reached or refuses the user, `missing`
    ///   when the database holds no store and `access` does not create, `foreignDatabase` when it
    ///   holds other tables (left untouched), `newerSchema` for a store written by a newer perfkit.
    public static func open(_ location: PostgresLocation, access: StoreAccess = .create) async throws(StoreError)
        -> PostgresStore {
        let session = try await PostgresSession.connect(to: location, readOnly: access == .read)
        try await PostgresSchema.prepare(session, access: access)
        return PostgresStore(session: session)
    }

    // MARK: Writing

    /// Saves `run` with its histograms and series in one transaction; returns its new id.
    @discardableResult
    public func save(_ run: RunRecord) async throws(StoreError) -> Int64 {
        try await session.transaction { session in try await Self.insert(run, into: session) }
    }

    /// Saves `runs` under new ids in one transaction, all or none.
    @discardableResult
    public func save(contentsOf runs: [RunRecord]) async throws(StoreError) -> [Int64] {
        try await session.transaction { session in
            var ids: [Int64] = []
            for run in runs { ids.append(try await Self.insert(run, into: session)) }
            return ids
        }
    }

    /// Deletes every run of `version`, with their histograms and series; returns how many.
    @discardableResult
    public func delete(version: String) async throws(StoreError) -> Int {
        try await session.transaction { session in
            try await session.execute("DELETE FROM runs WHERE version = $1", [.text(version)]).metadata.rows ?? 0
        }
    }

    /// Saves the runs of an export document under new ids, all or none; returns how many.
    @discardableResult
    public func importRuns(_ data: Data) async throws(StoreError) -> Int {
        try await save(contentsOf: try BaselinesExport.runs(importedFrom: data, into: location)).count
    }

    private static func insert(_ run: RunRecord, into session: PostgresSession) async throws -> Int64 {
        let inserted = try await session.rows("""
            INSERT INTO runs (\(RunRecord.runColumns.joined(separator: ", ")))
            VALUES (\(placeholders(RunRecord.runColumns.count))) RETURNING id
            """, try run.runValues())
        guard let id = try inserted.first?.integer(at: 0) else { throw DamagedRow(detail: "the new run got no id") }
        try await insertRows(into: "histograms", RunRecord.histogramColumns, run.histogramValues(runID: id), session)
        try await insertRows(into: "series", RunRecord.seriesColumns, run.seriesValues(runID: id), session)
        return id
    }

    /// Inserts `rows` a few hundred per statement: a round trip per row would dominate saving a
    /// long run, and one statement takes at most 65,535 parameters.
    private static func insertRows(into table: String, _ columns: [String], _ rows: [[StoredValue]],
                                   _ session: PostgresSession) async throws {
        let rowsPerStatement = 500
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let batch = rows[start..<min(start + rowsPerStatement, rows.count)]
            let tuples = (0..<batch.count).map { "(\(placeholders(columns.count, from: $0 * columns.count + 1)))" }
            try await session.execute("""
                INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))
                """, batch.flatMap { $0 })
        }
    }

    /// `$first, …` for `count` parameters.
    private static func placeholders(_ count: Int, from first: Int = 1) -> String {
        (first..<first + count).map { "$\($0)" }.joined(separator: ", ")
    }

    // MARK: Reading

    /// Every run of `version` (and `scenario`), in start order.
    public func runs(version: String, scenario: String?) async throws(StoreError) -> [RunRecord] {
        if let scenario {
            return try await fetchRuns(where: "version = $1 AND scenario = $2", [.text(version), .text(scenario)])
        }
        return try await fetchRuns(where: "version = $1", [.text(version)])
    }

    /// The newest `newestPerStep` completed runs of each (scenario, step) of `scenarios`, of
    /// versions other than `excludedVersions`, in start order.
    public func history(scenarios: [String], excludingVersions excludedVersions: [String],
                        newestPerStep: Int) async throws(StoreError) -> [RunRecord] {
        guard !scenarios.isEmpty else { return [] }
        let excluded = excludedVersions.isEmpty ? [""] : excludedVersions
        let scenarioMarks = Self.placeholders(scenarios.count)
        let versionMarks = Self.placeholders(excluded.count, from: scenarios.count + 1)
        let condition = """
            id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY scenario, step
                                                                 ORDER BY started_at DESC, id DESC) AS newness
                                   FROM runs
                                   WHERE status = 'completed' AND scenario IN (\(scenarioMarks))
                                     AND version NOT IN (\(versionMarks))) AS ranked
                   WHERE newness <= $\(scenarios.count + excluded.count + 1))
            """
        return try await fetchRuns(where: condition,
                                   (scenarios + excluded).map(StoredValue.text) + [.integer(Int64(newestPerStep))])
    }

    /// Every run of the segmented test `group`, in start order.
    public func runs(group: String) async throws(StoreError) -> [RunRecord] {
        try await fetchRuns(where: "run_group = $1", [.text(group)])
    }

    /// The run stored under `id`, or nil.
    public func run(id: Int64) async throws(StoreError) -> RunRecord? {
        try await fetchRuns(where: "id = $1", [.integer(id)]).first
    }

    /// Every version with stored runs, in the order they were first measured.
    public func versions() async throws(StoreError) -> [String] {
        try await texts("SELECT version FROM runs GROUP BY version ORDER BY min(started_at), version")
    }

    /// The scenarios stored for `version`, in the order they were first measured.
    public func scenarios(version: String) async throws(StoreError) -> [String] {
        try await texts("""
            SELECT scenario FROM runs WHERE version = $1 GROUP BY scenario ORDER BY min(started_at), scenario
            """, [.text(version)])
    }

    /// One summary per (version, scenario), in the order they were first measured; a segmented
    /// test's segments count as one run (per step), with the worst status of its segments.
    public func summaries() async throws(StoreError) -> [StoredVersionSummary] {
        try await session.transaction(readOnly: true) { session in
            try await session.rows("""
                SELECT version, scenario, count(*) AS runs, min(started_at) AS first, max(started_at) AS last,
                       count(*) FILTER (WHERE worst = 0) AS completed, count(*) FILTER (WHERE worst = 1) AS interrupted,
                       count(*) FILTER (WHERE worst = 2) AS failed
                FROM (SELECT version, scenario, min(started_at) AS started_at,
                             max(CASE status WHEN 'failed' THEN 2 WHEN 'interrupted' THEN 1 ELSE 0 END) AS worst
                      FROM runs GROUP BY version, scenario, step, coalesce(run_group, 'run ' || id)) AS tests
                GROUP BY version, scenario ORDER BY first, version, scenario
                """).map(StoredVersionSummary.init(stored:))
        }
    }

    /// Every stored segment run, from the `runs` index only, in start order.
    public func segments() async throws(StoreError) -> [StoredSegment] {
        try await session.transaction(readOnly: true) { session in
            try await session.rows(StoredSegment.selection).map(StoredSegment.init(stored:))
        }
    }

    /// The export document of every run of `version`, or of the whole store when nil.
    public func export(version: String?) async throws(StoreError) -> Data {
        let runs = if let version {
            try await fetchRuns(where: "version = $1", [.text(version)])
        } else {
            try await fetchRuns(where: "TRUE", [])
        }
        return try BaselinesExport.document(of: runs, from: location)
    }

    /// The runs selected by `condition` (an SQL expression over `runs` with parameters
    /// `values`), with their histograms and series, in start order, from one snapshot.
    private func fetchRuns(where condition: String, _ values: [StoredValue]) async throws(StoreError) -> [RunRecord] {
        try await session.transaction(readOnly: true) { session in
            let selection = "SELECT id FROM runs WHERE \(condition)"
            var assembly = RunRowAssembly()
            for row in try await session.rows("""
                SELECT \(RunRowAssembly.histogramSelection) FROM histograms WHERE run_id IN (\(selection))
                """, values) {
                try assembly.addHistogram(row)
            }
            for row in try await session.rows("""
                SELECT \(RunRowAssembly.seriesSelection) FROM series WHERE run_id IN (\(selection))
                ORDER BY run_id, second
                """, values) {
                try assembly.addSeriesPoint(row)
            }
            return try await session.rows("""
                SELECT \(RunRowAssembly.runSelection) FROM runs WHERE \(condition) ORDER BY started_at, id
                """, values).map(assembly.record)
        }
    }

    private func texts(_ sql: String, _ values: [StoredValue] = []) async throws(StoreError) -> [String] {
        try await session.transaction(readOnly: true) { session in
            try await session.rows(sql, values).map { row in
                guard let text = try row.text(at: 0) else { throw DamagedRow(detail: "a NULL where text belongs") }
                return text
            }
        }
    }
}
