/// What a command does with the store, which decides how it is opened.
public enum StoreAccess: Sendable {
    /// Saves runs: the store is created (folders included) when missing.
    case create
    /// Changes an existing store (`baselines delete`): a missing one is an error.
    case write
    /// Only reads (`list`, `show`, `export`, `compare`, `report`): opened read-only, no file is
    /// changed or created, and a read-only file is fine.
    case read
}
