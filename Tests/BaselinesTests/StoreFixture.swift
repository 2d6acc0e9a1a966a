import Baselines
import Foundation
import PostgresStore
import Testing
import TestSupport

/// The backends every store suite runs against, through `RunStore`.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Every backend this machine can run: PostgreSQL needs its server binaries, which
    /// `scripts/test` installs (so CI always runs both). Suites that only PostgreSQL concerns
    /// are skipped with `PostgresServer.isInstalled`'s reason instead.
    static let available: [StoreBackend] = PostgresServer.isInstalled ? allCases : [.sqlite]
}

/// Fresh, empty stores of one backend for one test: files in the test's temporary folder
/// (which the suite keeps for as long as the test runs), or new databases on the test
/// process's PostgreSQL server. `name` tells stores of one test apart.
final class StoreFixture: Sendable {
    let backend: StoreBackend
    private let folder: TemporaryFolder
    private let databases = DatabaseNames()

    init(_ backend: StoreBackend, in folder: TemporaryFolder) {
        self.backend = backend
        self.folder = folder
    }

    /// Opens (creating for `.create`) the store called `name`.
    func open(_ name: String = "perfkit", access: StoreAccess = .create) async throws -> any RunStore {
        switch backend {
        case .sqlite:
            return try await BaselineStore.open(path: folder.path("\(name).sqlite"), access: access)
        case .postgres:
            return try await PostgresStore.open(try PostgresLocation(url: try url(name)), access: access)
        }
    }

    /// The location `open(name)` gives its store, as the store reports it.
    func location(_ name: String = "perfkit") throws -> String {
        switch backend {
        case .sqlite: folder.path("\(name).sqlite")
        case .postgres: try PostgresLocation(url: try url(name)).description
        }
    }

    /// The store as `--store` takes it: a path, or a URL with the password.
    func url(_ name: String = "perfkit") throws -> String {
        switch backend {
        case .sqlite:
            return folder.path("\(name).sqlite")
        case .postgres:
            let server = try PostgresServer.shared()
            return server.url(database: try databases.database(for: name, on: server))
        }
    }

    /// Runs `sql` against the store `name` with the backend's own shell (`sqlite3`, `psql`).
    @discardableResult
    func execute(_ sql: String, in name: String = "perfkit") throws -> String {
        switch backend {
        case .sqlite:
            return try SQLiteShell.run(folder.path("\(name).sqlite"), sql)
        case .postgres:
            let server = try PostgresServer.shared()
            return try server.psql(sql, database: try databases.database(for: name, on: server))
        }
    }

    /// The table that lists the store's migrations.
    var migrationsTable: String { backend == .sqlite ? "grdb_migrations" : "perfkit_migrations" }

    /// Whether `execute` can run here.
    var canExecute: Bool { backend == .postgres || SQLiteShell.isAvailable }
}

/// The database made for each store name of one fixture.
private final class DatabaseNames: @unchecked Sendable {
    private let lock = NSLock()
    private var names: [String: String] = [:]

    func database(for name: String, on server: PostgresServer) throws -> String {
        try lock.withLock {
            if let existing = names[name] { return existing }
            let created = try server.createDatabase()
            names[name] = created
            return created
        }
    }
}
