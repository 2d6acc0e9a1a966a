import GRDB

/// The store's tables and their migrations. `docs/store.md` documents every column; keep the
/// two in step.
///
/// Policy: migrations are only ever appended, never edited once released; each runs in one
/// transaction; a store holding a migration this build does not know is refused
/// (`StoreError.newerSchema`) rather than misread.
enum StoreSchema {
    /// `PRAGMA application_id` of every perfkit store: "PfKt" in ASCII. A database without it
    /// belongs to another application and is never touched.
    static let applicationID: Int32 = 0x5066_4B74

    /// Every migration this build knows, oldest first.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createVersion1)
        migrator.registerMigration("v2", migrate: addRunGroups)
        return migrator
    }

    private static func createVersion1(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: """
            CREATE TABLE runs (
                id                 INTEGER PRIMARY KEY AUTOINCREMENT,
                version            TEXT NOT NULL,
                scenario           TEXT NOT NULL,
                step               TEXT NOT NULL,
                target_url         TEXT NOT NULL,
                config_json        TEXT NOT NULL,
                host_cpu_model     TEXT NOT NULL,
                host_cores         INTEGER NOT NULL,
                host_memory_bytes  INTEGER NOT NULL,
                host_kernel        TEXT NOT NULL,
                perfkit_version    TEXT NOT NULL,
                started_at         TEXT NOT NULL,
                ended_at           TEXT NOT NULL,
                status             TEXT NOT NULL CHECK (status IN ('completed', 'interrupted', 'failed')),
                requests_sent      INTEGER NOT NULL,
                requests_completed INTEGER NOT NULL,
                responses          INTEGER NOT NULL,
                failures           INTEGER NOT NULL,
                dropped            INTEGER NOT NULL,
                unfinished         INTEGER NOT NULL,
                intended_rate      REAL,
                achieved_rate      REAL,
                status_codes_json  TEXT NOT NULL,
                errors_json        TEXT NOT NULL
            );
            -- Serves runs(version:scenario:) in start order, and covers summaries().
            CREATE INDEX runs_by_version_scenario ON runs (version, scenario, started_at, status);

            CREATE TABLE histograms (
                run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                metric      TEXT NOT NULL,
                total_count INTEGER NOT NULL,
                min_us      INTEGER,
                mean_us     REAL,
                p50_us      INTEGER,
                p90_us      INTEGER,
                p95_us      INTEGER,
                p99_us      INTEGER,
                p999_us     INTEGER,
                max_us      INTEGER,
                encoding    BLOB NOT NULL,
                UNIQUE (run_id, metric)
            );

            CREATE TABLE series (
                run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                second        INTEGER NOT NULL,
                requests      INTEGER NOT NULL,
                errors        INTEGER NOT NULL,
                p50_us        INTEGER NOT NULL,
                p90_us        INTEGER NOT NULL,
                p95_us        INTEGER NOT NULL,
                p99_us        INTEGER NOT NULL,
                p999_us       INTEGER NOT NULL,
                mean_us       REAL,
                intended_rate REAL,
                PRIMARY KEY (run_id, second)
            ) WITHOUT ROWID;
            """)
    }

    /// Segmented tests: the group a run belongs to and its share, both set or both NULL.
    private static func addRunGroups(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE runs ADD COLUMN run_group TEXT CHECK (run_group IS NULL OR length(run_group) > 0);
            ALTER TABLE runs ADD COLUMN segment TEXT CHECK ((segment IS NULL) = (run_group IS NULL));
            -- Serves reading a group's runs whatever their version.
            CREATE INDEX runs_by_group ON runs (run_group) WHERE run_group IS NOT NULL;
            """)
    }
}
