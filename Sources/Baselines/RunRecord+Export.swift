import Foundation

extension RunRecord {
    /// `runs` as an export document: the format `BaselineStore.export` writes and
    /// `importRuns` reads, exact dates and non-finite rates included.
    public static func exportDocument(_ runs: [RunRecord]) throws -> Data {
        try BaselinesExport(runs: runs).encoded()
    }
}
