import Baselines
import Foundation
import Testing
import TestSupport
import Units

/// The store's group reads: its index of segment runs, a version's runs with groups merged,
/// and the noise history without incomplete groups.
final class GroupedReadingTests {
    private let folder: TemporaryFolder
    private var path: String { folder.path("perfkit.sqlite") }

    init() throws {
        folder = try TemporaryFolder()
    }

    private static let origin = Date(timeIntervalSince1970: 1_764_000_000)

    private static func segmentRun(_ index: Int, of count: Int, version: String, group: String,
                                   status: RunStatus = .completed) throws -> RunRecord {
        var run = Fixtures.smallRun(version: version, scenario: "latency",
                                    startedAt: origin.addingTimeInterval(Double(index) / 10), status: status)
        run.group = RunGroupMembership(id: group, segment: try #require(ExecutionSegment(index: index, of: count)))
        return run
    }

    /// v1: one run alone and a complete 3-segment group; v2: a group whose segment 2/3 failed.
    private func filledStore() async throws -> BaselineStore {
        let store = try await BaselineStore.open(path: path)
        try await store.save(Fixtures.smallRun(version: "v1", scenario: "latency", startedAt: Self.origin.addingTimeInterval(-5)))
        for index in 1...3 { try await store.save(try Self.segmentRun(index, of: 3, version: "v1", group: "job-a")) }
        for index in 1...3 {
            try await store.save(try Self.segmentRun(index, of: 3, version: "v2", group: "job-b",
                                                     status: index == 2 ? .failed : .completed))
        }
        return store
    }

    @Test func theSegmentIndexNamesEverySegmentRun() async throws {
        let store = try await filledStore()
        let segments = try await store.segments()
        #expect(segments.map(\.runID) == [2, 5, 3, 6, 4, 7])
        #expect(segments.map(\.group.segment.description) == ["0:1/3", "0:1/3", "1/3:2/3", "1/3:2/3", "2/3:1", "2/3:1"])
        #expect(segments.filter { $0.status == .failed }.map(\.runID) == [6])
    }

    @Test func aVersionsRunsReadWithItsGroupMerged() async throws {
        let store = try await filledStore()
        let v1 = try await store.groupedRuns(version: "v1")
        #expect(v1.runs.count == 2)
        #expect(v1.runs.map(\.id) == [1, nil])
        #expect(v1.runs[1].histograms["latency"]?.totalCount == 9)
        #expect(v1.incomplete.isEmpty)
        let v2 = try await store.groupedRuns(version: "v2")
        #expect(v2.runs.isEmpty)
        #expect(v2.incomplete.map(\.problems) == [[.failed(try ExecutionSegment(parsing: "2/3"), runID: 6)]])
        let byGroup = try await store.groupedRuns(group: "job-a")
        #expect(byGroup.groups.map { $0.segments.compactMap(\.id) } == [[2, 3, 4]])
    }

    @Test func historyKeepsCompleteGroupsAsOneRunAndDropsIncompleteOnes() async throws {
        let store = try await filledStore()
        let history = try await store.groupedHistory(scenarios: ["latency"], excludingVersions: ["v3"], newestPerStep: 50)
        #expect(history.map(\.version) == ["v1", "v1"], "v2's group has a failed segment")
        #expect(history.map(\.id) == [1, nil])
    }
}
