import Foundation

extension BaselinesExport {
    /// The runs of an export document handed to `importRuns` on the store at `location`, as
    /// every backend reads them.
    ///
    /// - Throws: `invalidImport` when `data` is not an export this build reads.
    package static func runs(importedFrom data: Data, into location: String) throws(StoreError) -> [RunRecord] {
        do {
            return try decode(data).runs
        } catch {
            throw .invalidImport(path: location, detail: error.detail)
        }
    }

    /// The export document of `runs` read from the store at `location`.
    package static func document(of runs: [RunRecord], from location: String) throws(StoreError) -> Data {
        do {
            return try BaselinesExport(runs: runs).encoded()
        } catch {
            throw .corrupt(path: location, detail: "a run cannot be written as JSON: \(error)")
        }
    }
}
