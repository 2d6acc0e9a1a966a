import Foundation
import GRDB

/// What lies at a store path, found without writing a byte: opening a `DatabasePool` switches
/// a database to WAL and would alter another application's file, so anything that is not
/// clearly a perfkit store (or nothing at all) is refused before the store opens it.
enum StoreFileInspection {
    /// The first bytes of every SQLite 3 database.
    private static let sqliteMagic = Data("SQLite format 3\0".utf8)
    /// The SQLite file header, then the header of page 1's b-tree (the schema table).
    private static let headerSize = 108

    /// Returns when the store may open `path`: nothing is there, an empty file, an SQLite
    /// database without tables (left by a perfkit that stopped between creating the file and
    /// its first migration), or a readable perfkit store whose migrations this build knows.
    /// Throws `notAStore`, `corrupt`, `newerSchema` or `cannotAccess` otherwise.
    ///
    /// Another application's database is recognised from its header bytes alone: even a
    /// read-only SQLite connection leaves `-wal` and `-shm` files beside a WAL database
    /// (`ReadOnlyConnection` avoids that for perfkit's own stores).
    static func inspect(path: String) throws(StoreError) {
        // `StorePath.check` has refused anything but a regular file.
        guard FileManager.default.fileExists(atPath: path) else { return }
        let header = try readHeader(path: path)
        if header.isEmpty { return }
        guard header.starts(with: sqliteMagic) else { throw .notAStore(path: path) }
        guard header.count == headerSize else {
            throw .corrupt(path: path, detail: "the file ends inside the SQLite header")
        }
        let applicationID = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if Int32(bitPattern: applicationID) == StoreSchema.applicationID || hasPendingWriteAheadLog(path: path) {
            // Ours, or a database whose header may be stale (a perfkit creating this store
            // right now has not checkpointed its first migration yet): ask SQLite.
            try inspectDatabase(path: path)
            return
        }
        // The file is the whole database: it is free to use only if nobody claimed it and its
        // schema table (a leaf b-tree, type 13) holds no entry.
        let schemaPageType = header[100]
        let schemaEntries = UInt16(header[103]) << 8 | UInt16(header[104])
        guard applicationID == 0, schemaPageType == 13, schemaEntries == 0 else { throw .notAStore(path: path) }
    }

    private static func readHeader(path: String) throws(StoreError) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotAccess(path: path, detail: "the file cannot be read")
        }
        defer { try? handle.close() }
        do {
            return try handle.read(upToCount: headerSize) ?? Data()
        } catch {
            throw .cannotAccess(path: path, detail: error.localizedDescription)
        }
    }

    private static func hasPendingWriteAheadLog(path: String) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int
        return (size ?? 0) > 0
    }

    private static func inspectDatabase(path: String) throws(StoreError) {
        do {
            let queue = try ReadOnlyConnection.open(path: path)
            defer { try? queue.close() }
            try queue.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tableCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                guard applicationID == StoreSchema.applicationID else {
                    if applicationID == 0 && tableCount == 0 { return }
                    throw StoreError.notAStore(path: path)
                }
                let problems = try String.fetchAll(db, sql: "PRAGMA quick_check").filter { $0 != "ok" }
                guard problems.isEmpty else {
                    throw StoreError.corrupt(path: path, detail: problems.prefix(3).joined(separator: "; "))
                }
                let known = Set(StoreSchema.migrator.migrations)
                let unknown = try StoreSchema.migrator.appliedIdentifiers(db).subtracting(known).sorted()
                guard unknown.isEmpty else { throw StoreError.newerSchema(path: path, migrations: unknown) }
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }
}
