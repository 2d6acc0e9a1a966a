import Foundation

/// An exclusive `flock` on the store's folder, held by one perfkit process while it inspects,
/// creates and migrates the store.
///
/// Without it, perfkits starting side by side race on a new store: SQLite answers the second
/// one's switch to WAL with an immediate `SQLITE_BUSY` (no busy handler runs for it), and an
/// inspection in the instant between a creator's first table and its `application_id` takes
/// the store for another application's database. Once open, SQLite's own locking is enough.
///
/// The folder is locked, not the database file: SQLite's POSIX locks on the file would be
/// dropped by closing any other descriptor of it in this process, and a lock file beside the
/// store would be one more file to explain. `flock` locks are per open descriptor, so two
/// stores opening in one process exclude each other too.
enum StoreOpeningLock {
    /// Runs `body` holding the lock on `folder`, waiting up to `timeout` for it.
    ///
    /// - Throws: `busy` when another process kept the lock for longer, `cannotAccess` when the
    ///   folder cannot be opened, and whatever `body` throws.
    static func holding<Value>(folder: URL, storePath: String, timeout: Duration,
                               _ body: () throws(StoreError) -> Value) throws(StoreError) -> Value {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .cannotAccess(path: storePath, detail: "its folder cannot be opened: \(String(cString: strerror(errno)))")
        }
        // Closing the descriptor releases the lock.
        defer { close(descriptor) }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            guard reason == EWOULDBLOCK || reason == EINTR else {
                throw .cannotAccess(path: storePath, detail: "its folder cannot be locked: \(String(cString: strerror(reason)))")
            }
            guard clock.now < deadline else { throw .busy(path: storePath, seconds: Int(timeout.components.seconds)) }
            // Another perfkit holds it for the milliseconds its opening takes.
            usleep(2_000)
        }
        return try body()
    }
}
