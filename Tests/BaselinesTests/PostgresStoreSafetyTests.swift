import Baselines
import Foundation
import PostgresStore
import Testing
import TestSupport

/// A database that is not a perfkit store is refused untouched, reading changes nothing, and
/// connection failures are reported quickly, naming the server but never the password.
@Suite(.enabled(if: PostgresServer.isInstalled, "PostgreSQL's server binaries are not installed (scripts/install-deps postgresql)"))
struct PostgresStoreSafetyTests {
    private let server: PostgresServer
    private let database: String

    init() throws {
        server = try PostgresServer.shared()
        database = try server.createDatabase()
    }

    private func location(_ url: String? = nil) throws -> PostgresLocation {
        try PostgresLocation(url: url ?? server.url(database: database), environment: [:])
    }

    private func openingError(access: StoreAccess = .create, url: String? = nil) async throws -> StoreError? {
        let location = try location(url)
        do {
            _ = try await PostgresStore.open(location, access: access)
            return nil
        } catch {
            return error
        }
    }

    private var tables: String {
        get throws {
            try server.psql("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
                            + "WHERE table_schema = 'public'", database: database)
        }
    }

    @Test func anotherApplicationsDatabaseIsNotAStoreAndIsLeftUntouched() async throws {
        try server.psql("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')", database: database)
        let error = try await openingError()
        #expect(error == .foreignDatabase(path: try location().description, tables: ["notes"]))
        #expect(error?.description.contains("left untouched") == true)
        #expect(try tables == "notes")
        #expect(try server.psql("SELECT body FROM notes", database: database) == "keep me")
    }

    @Test func readingADatabaseWithoutAStoreFindsItMissingAndCreatesNothing() async throws {
        #expect(try await openingError(access: .read) == .missing(path: try location().description))
        #expect(try await openingError(access: .write) == .missing(path: try location().description))
        #expect(try tables == "")
    }

    @Test func aReadOnlyStoreRefusesWrites() async throws {
        try await PostgresStore.open(try location()).save(Fixtures.smallRun(version: "v1", scenario: "latency", startedAt: Date()))
        let reader = try await PostgresStore.open(try location(), access: .read)
        #expect(try await reader.versions() == ["v1"])
        await #expect(throws: StoreError.self) { try await reader.delete(version: "v1") }
        #expect(try await reader.versions() == ["v1"])
    }

    @Test func aStoreMigratedByANewerPerfkitIsRefused() async throws {
        _ = try await PostgresStore.open(try location())
        try server.psql("INSERT INTO perfkit_migrations (identifier) VALUES ('v3-percentile-cache')", database: database)
        let error = try await openingError()
        #expect(error == .newerSchema(path: try location().description, migrations: ["v3-percentile-cache"]))
        #expect(error?.description.contains("upgrade perfkit") == true)
    }

    @Test func theSchemaIsTheDocumentedOneWithItsMigrationsRecorded() async throws {
        _ = try await PostgresStore.open(try location())
        #expect(try tables == "histograms,perfkit_migrations,runs,series")
        #expect(try server.psql("SELECT string_agg(identifier, ',' ORDER BY identifier) FROM perfkit_migrations",
                                database: database) == "v1,v2")
        let runColumns = try server.psql("""
            SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns
            WHERE table_name = 'runs' AND column_name <> 'id'
            """, database: database)
        #expect(runColumns == RunRecord.runColumns.joined(separator: ","))
    }

    @Test func secretsNeverReachTheDatabase() async throws {
        var run = Fixtures.smallRun(version: "v1", scenario: "latency", startedAt: Date())
        run.targetURL = "http://user:hunter2@127.0.0.1:8080/api?token=t0k3n"
        run.configJSON = #"{"command":"latency","url":"http://user:hunter2@127.0.0.1:8080/api?token=t0k3n"}"#
        try await PostgresStore.open(try location()).save(run)
        let stored = try server.psql("SELECT target_url || config_json FROM runs", database: database)
        #expect(!stored.contains("hunter2") && !stored.contains("t0k3n"))
    }

    @Test func anEditedRowIsReportedAsDamageNamingTheRun() async throws {
        let store = try await PostgresStore.open(try location())
        let id = try await store.save(Fixtures.smallRun(version: "v1", scenario: "latency", startedAt: Date()))
        try server.psql("UPDATE runs SET started_at = 'yesterday'", database: database)
        await #expect {
            _ = try await store.runs(version: "v1")
        } throws: { error in
            guard case .corrupt(_, let detail) = error as? StoreError else { return false }
            return detail.hasPrefix("run \(id)")
        }
    }

    @Test func thePasswordCanComeFromPGPASSWORD() async throws {
        let location = try PostgresLocation(url: server.url(database: database, withPassword: false),
                                            environment: ["PGPASSWORD": PostgresServer.password])
        #expect(try await PostgresStore.open(location).versions().isEmpty)
    }

    @Test func aWrongPasswordIsRefusedWithoutPrintingIt() async throws {
        let url = "postgres://\(PostgresServer.user):not-the-pw-5521@127.0.0.1:\(server.port)/\(database)"
        let error = try #require(try await openingError(url: url))
        guard case .cannotConnect = error else {
            Issue.record("expected cannotConnect, got \(error)")
            return
        }
        #expect(error.description.contains("password authentication failed"), "\(error)")
        #expect(error.description.contains("127.0.0.1:\(server.port)/\(database)"))
        #expect(!error.description.contains("not-the-pw-5521"))
    }

    @Test func anUnreachableServerFailsWithinSeconds() async throws {
        let url = "postgres://ci:pw-1234@127.0.0.1:\(unusedLoopbackPort())/perf?connect_timeout=5"
        let clock = ContinuousClock()
        let began = clock.now
        let error = try #require(try await openingError(url: url))
        #expect(clock.now - began < .seconds(6))
        guard case .cannotConnect = error else {
            Issue.record("expected cannotConnect, got \(error)")
            return
        }
        #expect(error.description.contains("refused"), "\(error)")
        #expect(!error.description.contains("pw-1234"))
    }

    /// Sessions of perfkit encrypted with TLS on the server, as it sees them.
    private func encryptedSessions() throws -> String {
        try server.psql("SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) "
                        + "WHERE ssl AND application_name = 'perfkit' AND datname = '\(database)'", database: "postgres")
    }

    @Test(arguments: ["", "sslmode=prefer", "sslmode=require", "sslmode=verify-ca&sslrootcert=CERT",
                      "sslmode=verify-full&sslrootcert=CERT"])
    func everyTLSModeButDisableEncrypts(parameters: String) async throws {
        let url = server.url(database: database, parameters: parameters.replacingOccurrences(of: "CERT", with: server.certificate))
        let store = try await PostgresStore.open(try location(url))
        #expect(try encryptedSessions() == "1")
        #expect(try await store.versions().isEmpty)
    }

    @Test func sslmodeDisableConnectsInPlainText() async throws {
        let store = try await PostgresStore.open(try location(server.url(database: database, parameters: "sslmode=disable")))
        #expect(try encryptedSessions() == "0")
        #expect(try await store.versions().isEmpty)
    }

    @Test func verifyFullRefusesACertificateNoTrustedCASigned() async throws {
        let error = try #require(try await openingError(url: server.url(database: database, parameters: "sslmode=verify-full")))
        guard case .cannotConnect = error else {
            Issue.record("expected cannotConnect, got \(error)")
            return
        }
        #expect(!error.description.contains(PostgresServer.password))
    }

    @Test func aStoreBehindThisPerfkitIsNotMigratedByAReader() async throws {
        _ = try await PostgresStore.open(try location())
        try server.psql("""
            DROP INDEX runs_by_group; ALTER TABLE runs DROP COLUMN segment; ALTER TABLE runs DROP COLUMN run_group;
            DELETE FROM perfkit_migrations WHERE identifier = 'v2'
            """, database: database)
        #expect(try await openingError(access: .read) == .outdatedSchema(path: try location().description, migrations: ["v2"]))
        #expect(try server.psql("SELECT count(*) FROM perfkit_migrations", database: database) == "1")
    }
}
