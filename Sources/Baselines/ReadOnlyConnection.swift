import Foundation
import GRDB

/// A connection that reads a store without creating or changing any file.
///
/// Even a read-only SQLite connection creates `-wal` and `-shm` beside a WAL database, and
/// cannot when the folder is not writable. When there is no `-wal` beside the store, no writer
/// has it open and every committed run is in the file itself, so it is opened `immutable`
/// (no locks, no side files). With a `-wal` present a writer is at work, and the connection
/// shares its side files as any reader does. The one window left is a writer that opens the
/// store and checkpoints while a read is under way; reads take milliseconds and writers save
/// at the end of a run, so a read-only command may then fail and is safe to repeat.
///
/// `immutable` is a URI parameter: it needs an SQLite built with URI filenames (Debian's is).
enum ReadOnlyConnection {
    /// Opens `path`, which must exist, for reading.
    static func open(path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(TimeInterval(StoreError.busyTimeoutSeconds))
        configuration.label = "perfkit-baselines-readonly"
        let writerIsPresent = FileManager.default.fileExists(atPath: path + "-wal")
        let location = writerIsPresent ? path : URL(fileURLWithPath: path).absoluteString + "?immutable=1"
        return try DatabaseQueue(path: location, configuration: configuration)
    }
}
