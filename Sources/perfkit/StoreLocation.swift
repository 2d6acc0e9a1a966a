import Baselines
import Foundation
import PostgresStore
import Recording

/// Where the store is and the setting it came from, so a refused location is reported as the
/// flag or variable the user has to change: a `postgres://` or `postgresql://` URL names a
/// PostgreSQL store, anything else an SQLite file.
struct StoreLocation {
    /// The store as given: a file path, or a URL that may hold a password (never print it: see
    /// `shown`).
    let path: String
    /// `--store`, `PERFKIT_STORE`, or the default.
    let source: String

    /// From `flag`, else a non-empty `PERFKIT_STORE`, else `baselines/perfkit.sqlite`. An
    /// empty `--store` is kept, to be refused: it is a mistake, not a request for the default.
    init(flag: String?) {
        if let flag {
            (path, source) = (flag, "--store")
        } else if let variable = ProcessInfo.processInfo.environment["PERFKIT_STORE"], !variable.isEmpty {
            (path, source) = (variable, "PERFKIT_STORE")
        } else {
            (path, source) = ("baselines/perfkit.sqlite", "the default store path")
        }
    }

    /// `path` given with `source` (a flag such as `--from`).
    init(_ path: String, source: String) {
        (self.path, self.source) = (path, source)
    }

    /// The store for messages: the path, or the URL without its password.
    var shown: String {
        (try? postgresLocation())?.description ?? (PostgresLocation.isURL(path) ? Redaction.redactURL(path) : path)
    }

    /// The PostgreSQL store the URL names, or nil for an SQLite path. A bad URL exits 2 naming
    /// its source, without quoting it (it may hold a password).
    func postgresLocation() throws -> PostgresLocation? {
        guard PostgresLocation.isURL(path) else { return nil }
        do {
            return try PostgresLocation(url: path)
        } catch {
            throw CommandFailure(code: .badInput, message: "\(source): \(error.description)")
        }
    }

    /// Opens the store for `access`. An unusable path or URL exits 2 naming its source, a
    /// missing store (when `access` does not create) 3 with `hint`, any other store failure
    /// (an unreachable server included) 4.
    func open(_ access: StoreAccess, hint: String? = nil) async throws -> any RunStore {
        let postgres = try postgresLocation()
        do {
            if let postgres { return try await PostgresStore.open(postgres, access: access) }
            return try await BaselineStore.open(path: path, access: access)
        } catch .unusablePath(let problem) {
            throw CommandFailure(code: .badInput, message: "\(source): \(problem.description)")
        } catch .missing {
            let what = postgres.map { "no perfkit store in database '\($0.database)' at \($0)" } ?? "no baselines store at '\(path)'"
            throw CommandFailure(code: .missingData, message: what + (hint.map { ": \($0)" } ?? ""))
        } catch {
            throw CommandFailure(code: .couldNotRun, message: error.description)
        }
    }

    /// Whether this and `other` name the same store: one file (links followed), or one
    /// database on one server.
    func isSameStore(as other: StoreLocation) throws -> Bool {
        switch (try postgresLocation(), try other.postgresLocation()) {
        case let (mine?, theirs?):
            return mine.isSameDatabase(as: theirs)
        case (nil, nil):
            let resolved = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
            return resolved(path) == resolved(other.path)
        default:
            return false
        }
    }
}
