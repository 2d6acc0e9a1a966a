import Foundation
import GRDB

/// What lies at a store path, found without writing a byte: opening a `DatabasePool` switches
/// a database to WAL and would alter another application's file, so anything that is not
/// clearly a perfkit store (or nothing at all) is refused before the store opens it.
enum StoreFileInspection {
    /// Where opening may go on.
    enum Verdict: Equatable {
        /// No file, an empty file, or an SQLite database without tables (left by a perfkit that
        /// stopped between creating the file and its first migration): the store creates its
        /// schema.
        case new
        /// A readable perfkit store whose migrations this build knows.
        case store
    }

    /// The first bytes of every SQLite 3 database.
    private static let sqliteMagic = Data("SQLite format 3\0".utf8)
    /// Size of the SQLite file header.
    private static let headerSize = 100

    /// Inspects `path`, throwing `notAStore`, `corrupt` or `newerSchema` for a file the store
    /// must not open.
    static func inspect(path: String) throws(StoreError) -> Verdict {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .new }
        guard !isDirectory.boolValue else { throw .cannotAccess(path: path, detail: "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotAccess(path: path, detail: "the file cannot be read")
        }
        let header: Data
        do {
            defer { try? handle.close() }
            header = try handle.read(upToCount: headerSize) ?? Data()
        } catch {
            throw .cannotAccess(path: path, detail: error.localizedDescription)
        }
        if header.isEmpty { return .new }
        guard header.starts(with: sqliteMagic) else { throw .notAStore(path: path) }
        guard header.count == headerSize else {
            throw .corrupt(path: path, detail: "the file ends inside the SQLite header")
        }
        return try inspectDatabase(path: path)
    }

    private static func inspectDatabase(path: String) throws(StoreError) -> Verdict {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(TimeInterval(StoreError.busyTimeoutSeconds))
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db throws -> Verdict in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tableCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                guard applicationID == StoreSchema.applicationID else {
                    if applicationID == 0 && tableCount == 0 { return .new }
                    throw StoreError.notAStore(path: path)
                }
                let problems = try String.fetchAll(db, sql: "PRAGMA quick_check").filter { $0 != "ok" }
                guard problems.isEmpty else {
                    throw StoreError.corrupt(path: path, detail: problems.prefix(3).joined(separator: "; "))
                }
                let known = Set(StoreSchema.migrator.migrations)
                let unknown = try StoreSchema.migrator.appliedIdentifiers(db).subtracting(known).sorted()
                guard unknown.isEmpty else { throw StoreError.newerSchema(path: path, migrations: unknown) }
                return .store
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }
}
