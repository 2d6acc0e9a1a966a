/// Why the baselines store could not do what was asked. Every message names the store (or
/// the data) concerned and says what to do next, so the command line can print it as is.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path cannot hold a store (empty, a folder, a FIFO, a device); nothing was opened.
    case unusablePath(StorePathProblem)
    /// Nothing is at `path`, and the store was opened for reading only, so it was not created.
    case missing(path: String)
    /// The file exists but is neither empty nor an SQLite database written by perfkit. It was
    /// left untouched.
    case notAStore(path: String)
    /// The file claims to be an SQLite database (a perfkit store, as a rule) but cannot be read.
    case corrupt(path: String, detail: String)
    /// The store was migrated by a newer perfkit; this build does not know `migrations`.
    case newerSchema(path: String, migrations: [String])
    /// The file or its folder cannot be created, opened or written (permissions, disk full).
    case cannotAccess(path: String, detail: String)
    /// Another process held the store's write lock for longer than the busy timeout.
    case busy(path: String, seconds: Int)
    /// Any other SQLite failure.
    case database(path: String, detail: String)
    /// Data handed to `importRuns` is not a perfkit baselines export this build can read.
    case invalidImport(path: String, detail: String)
    /// A PostgreSQL store's server cannot be reached, or refused the connection (TLS, user,
    /// password, database). `path` names server, database and user, never the password.
    case cannotConnect(path: String, detail: String)
    /// The PostgreSQL database holds tables but no perfkit store; it was left untouched.
    case foreignDatabase(path: String, tables: [String])
    /// The PostgreSQL store lacks `migrations` this build needs, and was opened read-only, so
    /// they were not applied.
    case outdatedSchema(path: String, migrations: [String])
    /// Any other PostgreSQL failure.
    case server(path: String, detail: String)

    /// One sentence a user can act on.
    public var description: String {
        switch self {
        case .unusablePath(let problem):
            problem.description
        case .missing(let path):
            "no baselines store at '\(path)'"
        case .notAStore(let path):
            "'\(path)' is not a perfkit store (it is neither empty nor an SQLite database written by perfkit) "
                + "and was left untouched; pass another --store path"
        case .corrupt(let path, let detail):
            "'\(path)' is damaged and cannot be read as a perfkit store (\(detail)); restore it from a backup "
                + "or an export, or pass another --store path"
        case .newerSchema(let path, let migrations):
            "'\(path)' was written by a newer perfkit (schema migrations \(migrations.joined(separator: ", ")) "
                + "are unknown to this build); upgrade perfkit or pass another --store path"
        case .cannotAccess(let path, let detail):
            "cannot open or write the store '\(path)' (\(detail)); check that its folder is writable "
                + "and the disk has room, or pass another --store path"
        case .busy(let path, let seconds):
            "the store '\(path)' stayed locked by another process for more than \(seconds) s; "
                + "retry when the other perfkit has finished"
        case .database(let path, let detail):
            "SQLite failed on the store '\(path)' (\(detail))"
        case .invalidImport(let path, let detail):
            "nothing was imported into '\(path)': the data is not a perfkit baselines export (\(detail)); "
                + "expected the output of 'perfkit baselines export'"
        case .cannotConnect(let path, let detail):
            "cannot connect to the PostgreSQL store \(path) (\(detail)); check that the server is up and "
                + "reachable, and the user, password (in the URL or PGPASSWORD), database and sslmode"
        case .foreignDatabase(let path, let tables):
            "\(path) is not a perfkit store (its database holds other tables: "
                + "\(tables.prefix(5).joined(separator: ", "))\(tables.count > 5 ? ", …" : "")) and was left untouched; "
                + "give perfkit a database of its own"
        case .outdatedSchema(let path, let migrations):
            "\(path) was written by an older perfkit (schema migrations \(migrations.joined(separator: ", ")) are "
                + "missing) and was opened read-only; store a run or import into it once to migrate it"
        case .server(let path, let detail):
            "PostgreSQL failed on the store \(path) (\(detail))"
        }
    }
}
