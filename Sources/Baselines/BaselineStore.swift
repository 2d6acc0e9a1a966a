import Foundation
import GRDB
import Units

/// The baselines store: every run of the service under test, per version and scenario, in
/// one SQLite file (schema in `docs/store.md`).
///
/// WAL mode lets readers work while a run is saved; the busy timeout lets several perfkit
/// processes write the same file; each save is one transaction, so a run is stored whole or
/// not at all. A file that is not a perfkit store is refused and never modified.
public final class BaselineStore: Sendable {
    /// The file this store reads and writes.
    public let path: String
    /// A `DatabasePool` in WAL mode, or a read-only `DatabaseQueue` (see `StoreAccess`).
    private let database: any DatabaseWriter

    private init(path: String, database: any DatabaseWriter) {
        self.path = path
        self.database = database
    }

    // MARK: Opening

    /// Opens the store at `path` for `access`: `.create` makes its folders and the file when
    /// missing; `.read` changes no file, leaves none behind, and works on a read-only file.
    ///
    /// - Throws: `unusablePath` for an empty path or one that is not a regular file,
    ///   `missing` when nothing is there and `access` does not create, `notAStore` for a file
    ///   that is not a perfkit store (left untouched), `corrupt` for a damaged one,
    ///   `newerSchema` for one written by a newer perfkit, `cannotAccess` or `busy` when the
    ///   file cannot be opened or created.
    public static func open(path: String, access: StoreAccess = .create) async throws(StoreError) -> BaselineStore {
        // Opening is blocking file work that may wait out another process's lock: keep it off
        // the cooperative thread pool, which measuring tasks share.
        try await withCheckedContinuation { (continuation: CheckedContinuation<Result<BaselineStore, StoreError>, Never>) in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Result { () throws(StoreError) in try openBlocking(path: path, access: access) })
            }
        }.get()
    }

    private static func openBlocking(path: String, access: StoreAccess) throws(StoreError) -> BaselineStore {
        do {
            try StorePath.check(path)
        } catch {
            throw .unusablePath(error)
        }
        guard access == .create || FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        if access == .read { return try openReadOnly(path: path) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotAccess(path: path, detail: "its folder cannot be created: \(error.localizedDescription)")
        }
        return try StoreOpeningLock.holding(folder: folder, storePath: path,
                                            timeout: .seconds(StoreError.busyTimeoutSeconds)) { () throws(StoreError) in
            try StoreFileInspection.inspect(path: path)
            var configuration = Configuration()
            configuration.busyMode = .timeout(TimeInterval(StoreError.busyTimeoutSeconds))
            configuration.foreignKeysEnabled = true
            configuration.label = "perfkit-baselines"
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try StoreSchema.migrator.migrate(pool)
                return BaselineStore(path: path, database: pool)
            } catch {
                throw StoreError(error, path: path)
            }
        }
    }

    /// Opens an existing store for reading. An empty file, or one a perfkit stopped before
    /// migrating, holds no runs: it reads as an empty store kept in memory.
    private static func openReadOnly(path: String) throws(StoreError) -> BaselineStore {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        return try StoreOpeningLock.holding(folder: folder, storePath: path,
                                            timeout: .seconds(StoreError.busyTimeoutSeconds)) { () throws(StoreError) in
            try StoreFileInspection.inspect(path: path)
            do {
                let queue = try ReadOnlyConnection.open(path: path)
                if try queue.read(StoreSchema.migrator.hasCompletedMigrations) { return BaselineStore(path: path, database: queue) }
                try queue.close()
                let empty = try DatabaseQueue()
                try StoreSchema.migrator.migrate(empty)
                return BaselineStore(path: path, database: empty)
            } catch {
                throw StoreError(error, path: path)
            }
        }
    }

    // MARK: Writing

    /// Saves `run` (its `id` is ignored) with its histograms and series in one transaction;
    /// returns the id it was stored under.
    @discardableResult
    public func save(_ run: RunRecord) async throws(StoreError) -> Int64 {
        try await writing { db in try run.insert(db) }
    }

    /// Deletes every run of `version`, with their histograms and series; returns how many
    /// runs were deleted.
    @discardableResult
    public func delete(version: String) async throws(StoreError) -> Int {
        try await writing { db in
            try db.execute(sql: "DELETE FROM runs WHERE version = ?", arguments: [version])
            return db.changesCount
        }
    }

    /// Saves the runs of an `export` document under new ids, all or none; returns how many.
    ///
    /// - Throws: `invalidImport` when `data` is not an export this build reads.
    @discardableResult
    public func importRuns(_ data: Data) async throws(StoreError) -> Int {
        let document: BaselinesExport
        do {
            document = try BaselinesExport.decode(data)
        } catch {
            throw .invalidImport(path: path, detail: error.detail)
        }
        return try await writing { db in
            for run in document.runs { _ = try run.insert(db) }
            return document.runs.count
        }
    }

    // MARK: Reading

    /// Every run of `version` (only those of `scenario` when given), with histograms and
    /// series, in start order.
    public func runs(version: String, scenario: String? = nil) async throws(StoreError) -> [RunRecord] {
        try await reading { db in
            if let scenario {
                return try RunRecord.fetchAll(db, where: "version = ? AND scenario = ?", arguments: [version, scenario])
            }
            return try RunRecord.fetchAll(db, where: "version = ?", arguments: [version])
        }
    }

    /// The history a comparison estimates run-to-run noise from: the newest `newestPerStep`
    /// completed runs of each (scenario, step) of `scenarios`, of versions other than
    /// `excludedVersions`, in start order.
    public func history(scenarios: [String], excludingVersions excludedVersions: [String],
                        newestPerStep: Int) async throws(StoreError) -> [RunRecord] {
        guard !scenarios.isEmpty else { return [] }
        return try await reading { db in
            let scenarioMarks = Array(repeating: "?", count: scenarios.count).joined(separator: ", ")
            let versionMarks = Array(repeating: "?", count: max(excludedVersions.count, 1)).joined(separator: ", ")
            let condition = """
                id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY scenario, step
                                                                     ORDER BY started_at DESC, id DESC) AS newness
                                       FROM runs
                                       WHERE status = 'completed' AND scenario IN (\(scenarioMarks))
                                         AND version NOT IN (\(versionMarks)))
                       WHERE newness <= ?)
                """
            let arguments = StatementArguments(scenarios + (excludedVersions.isEmpty ? [""] : excludedVersions))
                + [newestPerStep]
            return try RunRecord.fetchAll(db, where: condition, arguments: arguments)
        }
    }

    /// Every run of the segmented test `group`, whatever its version, in start order.
    public func runs(group: String) async throws(StoreError) -> [RunRecord] {
        try await reading { db in try RunRecord.fetchAll(db, where: "run_group = ?", arguments: [group]) }
    }

    /// Every stored segment run, from the `runs` index only, in start order.
    public func segments() async throws(StoreError) -> [StoredSegment] {
        try await reading { db in try Row.fetchAll(db, sql: StoredSegment.selection).map(StoredSegment.init(stored:)) }
    }

    /// The run stored under `id`, or nil.
    public func run(id: Int64) async throws(StoreError) -> RunRecord? {
        try await reading { db in try RunRecord.fetchAll(db, where: "id = ?", arguments: [id]).first }
    }

    /// Every version with stored runs, in the order they were first measured.
    public func versions() async throws(StoreError) -> [String] {
        try await reading { db in
            try String.fetchAll(db, sql: "SELECT version FROM runs GROUP BY version ORDER BY min(started_at), version")
        }
    }

    /// The scenarios stored for `version`, in the order they were first measured.
    public func scenarios(version: String) async throws(StoreError) -> [String] {
        try await reading { db in
            try String.fetchAll(db, sql: """
                SELECT scenario FROM runs WHERE version = ? GROUP BY scenario ORDER BY min(started_at), scenario
                """, arguments: [version])
        }
    }

    /// One summary per (version, scenario), in the order they were first measured. Reads the
    /// `runs` index only, never a histogram.
    public func summaries() async throws(StoreError) -> [StoredVersionSummary] {
        try await reading { db in
            // A segmented test's segments count as one run (per step), with the worst status of
            // its segments.
            try Row.fetchAll(db, sql: """
                SELECT version, scenario, count(*) AS runs, min(started_at) AS first, max(started_at) AS last,
                       sum(worst = 0) AS completed, sum(worst = 1) AS interrupted, sum(worst = 2) AS failed
                FROM (SELECT version, scenario, min(started_at) AS started_at,
                             max(CASE status WHEN 'failed' THEN 2 WHEN 'interrupted' THEN 1 ELSE 0 END) AS worst
                      FROM runs GROUP BY version, scenario, step, coalesce(run_group, 'run ' || id))
                GROUP BY version, scenario ORDER BY first, version, scenario
                """).map(Self.summary)
        }
    }

    private static func summary(_ row: Row) throws -> StoredVersionSummary {
        func date(_ column: String) throws -> Date {
            let text: String = try row.decode(forColumn: column)
            guard let date = Timestamp.date(from: text) else {
                throw DamagedRow(detail: "started_at '\(text)' is not an ISO 8601 date")
            }
            return date
        }
        return StoredVersionSummary(
            version: try row.decode(forColumn: "version"), scenario: try row.decode(forColumn: "scenario"),
            runCount: try row.decode(forColumn: "runs"), firstStartedAt: try date("first"),
            lastStartedAt: try date("last"),
            runsByStatus: [.completed: try row.decode(forColumn: "completed"),
                           .interrupted: try row.decode(forColumn: "interrupted"),
                           .failed: try row.decode(forColumn: "failed")])
    }

    /// The export document (see `BaselinesExport`) of every run of `version`, or of the whole
    /// store when nil, histograms included.
    public func export(version: String?) async throws(StoreError) -> Data {
        let runs = try await reading { db in
            if let version { return try RunRecord.fetchAll(db, where: "version = ?", arguments: [version]) }
            return try RunRecord.fetchAll(db, where: "1", arguments: [])
        }
        do {
            return try BaselinesExport(runs: runs).encoded()
        } catch {
            throw StoreError(error, path: path)
        }
    }

    // MARK: Database access

    /// Runs `updates` in an immediate transaction, mapping failures to `StoreError`. Internal, not
    /// private: `BaselineStore+RunStore.swift` writes through it too.
    func writing<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await database.write(updates)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Runs `value` on a snapshot of the store, mapping failures to `StoreError`.
    func reading<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await database.read(value)
        } catch {
            throw StoreError(error, path: path)
        }
    }
}
