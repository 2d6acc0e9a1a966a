import Foundation

/// Why a path cannot hold a store, found with `stat` before anything opens or creates it: a
/// FIFO would block the open forever, and SQLite would put its `-journal` beside a device
/// (`/dev/null-journal`).
public enum StorePathProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path is the empty string.
    case empty
    /// Something that is not a regular file is there (`kind`: "a folder", "a FIFO", …).
    case notARegularFile(path: String, kind: String)

    /// What is wrong, without naming the flag: the command line knows where the path came from.
    public var description: String {
        switch self {
        case .empty:
            "the store path is empty; give a file path such as baselines/perfkit.sqlite"
        case .notARegularFile(let path, let kind):
            "'\(path)' is \(kind), not a regular file; give a store file, or a path where one can be created"
        }
    }
}

/// The check every store path passes before it is opened.
public enum StorePath {
    /// Returns when `path` names a regular file (symbolic links followed) or nothing yet.
    public static func check(_ path: String) throws(StorePathProblem) {
        guard !path.isEmpty else { throw .empty }
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        let kind: String
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: kind = "a folder"
        case S_IFIFO: kind = "a FIFO"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a file"
        }
        throw .notARegularFile(path: path, kind: kind)
    }
}
