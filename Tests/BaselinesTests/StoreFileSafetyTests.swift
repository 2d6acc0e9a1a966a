import Baselines
import Foundation
import Testing
import Units
import TestSupport

/// A file that is not a perfkit store is refused with a clear error and never modified; a
/// damaged store is reported, never a crash.
final class StoreFileSafetyTests {
    private let folder: TemporaryFolder
    private var path: String { folder.path("perfkit.sqlite") }

    init() throws {
        folder = try TemporaryFolder()
    }

    /// Opens the store at `path` expecting a failure, and returns it.
    private func openingError() async -> StoreError? {
        do {
            _ = try await BaselineStore.open(path: path)
            return nil
        } catch {
            return error
        }
    }

    private func contents() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    private var sidecarFiles: [String] {
        ["-wal", "-shm", "-journal"].filter { FileManager.default.fileExists(atPath: path + $0) }
    }

    @Test func textFileIsNotAStoreAndIsLeftUntouched() async throws {
        try Data("version,p95\nv1.2.2,41\n".utf8).write(to: URL(fileURLWithPath: path))
        let before = try contents()
        let error = await openingError()
        #expect(error == .notAStore(path: path))
        #expect(error?.description.contains("'\(path)' is not a perfkit store") == true)
        #expect(error?.description.contains("pass another --store path") == true)
        #expect(try contents() == before)
        #expect(sidecarFiles.isEmpty)
    }

    @Test(.enabled(if: SQLiteShell.isAvailable))
    func anotherApplicationsDatabaseIsNotAStoreAndIsLeftUntouched() async throws {
        try SQLiteShell.run(path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
        let before = try contents()
        #expect(await openingError() == .notAStore(path: path))
        #expect(try contents() == before)
        #expect(sidecarFiles.isEmpty)
        #expect(try SQLiteShell.run(path, "PRAGMA journal_mode; SELECT body FROM notes;") == "delete\nkeep me")
    }

    @Test(.enabled(if: SQLiteShell.isAvailable))
    func anotherApplicationsDatabaseInWALModeIsLeftUntouched() async throws {
        try SQLiteShell.run(path, "PRAGMA journal_mode = WAL; CREATE TABLE notes (body TEXT);")
        let before = try contents()
        #expect(await openingError() == .notAStore(path: path))
        #expect(try contents() == before)
        #expect(sidecarFiles.isEmpty)
    }

    @Test(.enabled(if: SQLiteShell.isAvailable))
    func aDatabaseWithAnotherApplicationIDIsNotAStoreEvenWithoutTables() async throws {
        try SQLiteShell.run(path, "PRAGMA application_id = 1234; VACUUM;")
        let before = try contents()
        #expect(await openingError() == .notAStore(path: path))
        #expect(try contents() == before)
    }

    @Test(.enabled(if: SQLiteShell.isAvailable))
    func anEmptyDatabaseWithoutTablesBecomesAStore() async throws {
        try SQLiteShell.run(path, "VACUUM;")
        let store = try await BaselineStore.open(path: path)
        #expect(try await store.save(Fixtures.smallRun(version: "v1", scenario: "latency", startedAt: Date())) == 1)
    }

    @Test func anEmptyFileBecomesAStore() async throws {
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try await BaselineStore.open(path: path)
        #expect(try await store.versions().isEmpty)
    }

    @Test(.enabled(if: SQLiteShell.isAvailable))
    func storeIsMarkedWithPerfkitsApplicationID() async throws {
        _ = try await BaselineStore.open(path: path)
        #expect(try SQLiteShell.run(path, "PRAGMA application_id;") == "\(0x5066_4B74)")
    }

    @Test func aFolderAtThePathCannotBeOpened() async throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        #expect(await openingError() == .unusablePath(.notARegularFile(path: path, kind: "a folder")))
    }

    /// A store with a few runs, closed, as bytes.
    private func storedBytes() async throws -> Data {
        do {
            let store = try await BaselineStore.open(path: path)
            for offset in 0..<3 { try await store.save(Fixtures.run(startedAt: Date() + Double(offset))) }
        }
        #expect(sidecarFiles.isEmpty, "the closed store was checkpointed")
        return try contents()
    }

    @Test func garbageAfterTheHeaderIsReportedAsDamage() async throws {
        var bytes = try await storedBytes()
        var generator = SplitMix64(seed: 3)
        for index in 100..<bytes.count { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        try bytes.write(to: URL(fileURLWithPath: path))
        try expectRefusedAsDamaged(await openingError(), unchanged: bytes)
    }

    @Test func garbagePagesBehindAnIntactFirstPageAreReportedAsDamage() async throws {
        var bytes = try await storedBytes()
        var generator = SplitMix64(seed: 4)
        for index in 4_096..<bytes.count { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        try bytes.write(to: URL(fileURLWithPath: path))
        try expectRefusedAsDamaged(await openingError(), unchanged: bytes)
    }

    @Test func aStoreTruncatedInsideItsHeaderIsReportedAsDamage() async throws {
        let bytes = try await storedBytes().prefix(60)
        try bytes.write(to: URL(fileURLWithPath: path))
        try expectRefusedAsDamaged(await openingError(), unchanged: bytes)
    }

    @Test func aStoreTruncatedAfterItsFirstPageIsReportedAsDamage() async throws {
        let bytes = try await storedBytes().prefix(4_096)
        try bytes.write(to: URL(fileURLWithPath: path))
        try expectRefusedAsDamaged(await openingError(), unchanged: bytes)
    }

    private func expectRefusedAsDamaged(_ error: StoreError?, unchanged bytes: Data) throws {
        switch error {
        case .corrupt(let errorPath, _)?, .notAStore(let errorPath)?:
            #expect(errorPath == path)
            #expect(error?.description.contains(path) == true)
        default:
            Issue.record("expected corrupt or notAStore, got \(String(describing: error))")
        }
        #expect(try contents() == bytes)
    }

    @Test(.enabled(if: SQLiteShell.isAvailable))
    func aStoreMigratedByANewerPerfkitIsRefused() async throws {
        _ = try await BaselineStore.open(path: path)
        try SQLiteShell.run(path, "INSERT INTO grdb_migrations VALUES ('v2-percentile-cache');")
        let error = await openingError()
        #expect(error == .newerSchema(path: path, migrations: ["v2-percentile-cache"]))
        #expect(error?.description.contains("upgrade perfkit") == true)
    }
}

/// Rows edited by hand into something perfkit cannot read back are reported as damage that
/// names the run, never a crash or a silently wrong record.
final class DamagedRowTests {
    private let folder: TemporaryFolder
    private var path: String { folder.path("perfkit.sqlite") }

    init() throws {
        folder = try TemporaryFolder()
    }

    @Test(.enabled(if: SQLiteShell.isAvailable),
          arguments: ["UPDATE histograms SET encoding = x'0102' WHERE metric = 'latency'",
                      "UPDATE runs SET started_at = 'yesterday'",
                      "UPDATE runs SET status_codes_json = 'not json'"])
    func anEditedRowIsReportedAsDamageNamingTheRun(edit: String) async throws {
        let store = try await BaselineStore.open(path: path)
        let id = try await store.save(Fixtures.smallRun(version: "v1", scenario: "latency", startedAt: Date()))
        try SQLiteShell.run(path, "PRAGMA foreign_keys = ON; \(edit);")
        do {
            _ = try await store.runs(version: "v1")
            Issue.record("read a damaged run")
        } catch {
            guard case .corrupt(let errorPath, let detail) = error else {
                Issue.record("expected corrupt, got \(error)")
                return
            }
            #expect(errorPath == path)
            #expect(detail.hasPrefix("run \(id)"), "\(detail)")
        }
    }
}
