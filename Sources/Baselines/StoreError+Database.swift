import GRDB

/// A stored row that cannot be turned back into a `RunRecord` (a NULL where a value belongs,
/// an unreadable histogram or date): the store was damaged or edited by hand.
package struct DamagedRow: Error {
    /// What is wrong, and where (run id, column).
    package let detail: String

    package init(detail: String) {
        self.detail = detail
    }
}

extension StoreError {
    /// Seconds a write waits for another process's write lock before giving up. Runs are
    /// saved in milliseconds, but an import of a large export holds the lock for longer.
    static let busyTimeoutSeconds = 15

    /// `error`, thrown while working on the store at `path`, as the error a user can act on.
    init(_ error: any Error, path: String) {
        switch error {
        case let error as StoreError:
            self = error
        case let error as DamagedRow:
            self = .corrupt(path: path, detail: error.detail)
        case let error as DatabaseError:
            self = Self(databaseError: error, path: path)
        default:
            self = .database(path: path, detail: String(describing: error))
        }
    }

    private init(databaseError error: DatabaseError, path: String) {
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            self = .corrupt(path: path, detail: detail)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self = .busy(path: path, seconds: Self.busyTimeoutSeconds)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_AUTH:
            self = .cannotAccess(path: path, detail: detail)
        default:
            self = .database(path: path, detail: detail)
        }
    }
}
