import Foundation
import GRDB

extension BaselineStore: RunStore {
    /// The store file's path.
    public var location: String { path }

    /// Saves `runs` under new ids in one transaction, all or none (`baselines copy`).
    @discardableResult
    public func save(contentsOf runs: [RunRecord]) async throws(StoreError) -> [Int64] {
        try await writing { db in try runs.map { try $0.insert(db) } }
    }
}
