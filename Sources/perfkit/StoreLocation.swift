import Baselines
import Foundation
import Recording

/// The store's path and the setting it came from, so a refused path is reported as the flag
/// or variable the user has to change.
struct StoreLocation {
    /// The store file.
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

    /// Opens the store for `access`. An unusable path exits 2 naming its source, a missing
    /// store (when `access` does not create) 3 with `hint`, any other store failure 4.
    func open(_ access: StoreAccess, hint: String? = nil) async throws -> any RunStore {
        do {
            return try await BaselineStore.open(path: path, access: access)
        } catch .unusablePath(let problem) {
            throw CommandFailure(code: .badInput, message: "\(source): \(problem.description)")
        } catch .missing {
            throw CommandFailure(code: .missingData, message: "no baselines store at '\(path)'" + (hint.map { ": \($0)" } ?? ""))
        } catch {
            throw CommandFailure(code: .couldNotRun, message: error.description)
        }
    }
}
