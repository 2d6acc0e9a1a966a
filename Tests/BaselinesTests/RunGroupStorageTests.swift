import Baselines
import Foundation
import Testing
import TestSupport
import Units

/// A segmented test's runs keep their group and share through the store and its exports, and
/// stores written before groups existed open with every run ungrouped.
final class RunGroupStorageTests {
    private let folder: TemporaryFolder
    private var path: String { folder.path("perfkit.sqlite") }

    init() throws {
        folder = try TemporaryFolder()
    }

    private static func segmentRun(_ index: Int, of count: Int, group: String = "job-7f3a") throws -> RunRecord {
        var run = Fixtures.run(seed: UInt64(index))
        run.group = RunGroupMembership(id: group, segment: try #require(ExecutionSegment(index: index, of: count)))
        return run
    }

    @Test func aSegmentsGroupAndShareReadBackExactly() async throws {
        let store = try await BaselineStore.open(path: path)
        var expected = try Self.segmentRun(3, of: 4)
        expected.id = try await store.save(expected)
        let loaded = try #require(try await store.run(id: expected.id!))
        #expect(loaded == expected)
        #expect(loaded.group?.segment.description == "1/2:3/4")
        var alone = Fixtures.run()
        alone.id = try await store.save(alone)
        #expect(try await store.run(id: alone.id!)?.group == nil)
    }

    @Test func exportAndImportKeepGroups() async throws {
        let source = try await BaselineStore.open(path: path)
        let runs = try (1...3).map { try Self.segmentRun($0, of: 3) }
        for run in runs { try await source.save(run) }
        let copy = try await BaselineStore.open(path: folder.path("copy.sqlite"))
        #expect(try await copy.importRuns(try await source.export(version: nil)) == 3)
        let imported = try await copy.runs(version: "v1.2.3")
        #expect(imported.map(\.group) == runs.map(\.group))
    }

    @Test(.enabled(if: SQLiteShell.isAvailable))
    func aStoreFromBeforeGroupsOpensWithItsRunsUngrouped() async throws {
        let store = try await BaselineStore.open(path: path)
        let id = try await store.save(Fixtures.run())
        // Turn the file back into what the previous perfkit wrote: schema v1 only.
        try SQLiteShell.run(path, """
            DROP INDEX runs_by_group;
            ALTER TABLE runs DROP COLUMN segment;
            ALTER TABLE runs DROP COLUMN run_group;
            DELETE FROM grdb_migrations WHERE identifier = 'v2';
            """)
        #expect(try SQLiteShell.run(path, "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'run_group'") == "0")

        let reopened = try await BaselineStore.open(path: path)
        #expect(try await reopened.run(id: id)?.group == nil)
        let grouped = try await reopened.save(try Self.segmentRun(1, of: 2))
        #expect(try await reopened.run(id: grouped)?.group?.id == "job-7f3a")
    }

    @Test(.enabled(if: SQLiteShell.isAvailable))
    func aGroupWithoutASegmentIsRefusedByTheSchema() async throws {
        _ = try await BaselineStore.open(path: path)
        #expect(throws: SQLiteShell.ShellFailure.self) {
            try SQLiteShell.run(path, """
                INSERT INTO runs (version, scenario, step, target_url, config_json, host_cpu_model, host_cores,
                    host_memory_bytes, host_kernel, perfkit_version, started_at, ended_at, status, requests_sent,
                    requests_completed, responses, failures, dropped, unfinished, status_codes_json, errors_json, run_group)
                VALUES ('v1', 's', 'GET /', 'http://127.0.0.1/', '{}', 'cpu', 2, 1, 'k', '0', 'a', 'b', 'completed',
                    0, 0, 0, 0, 0, 0, '{}', '{}', 'job');
                """)
        }
    }
}

/// Reading a segmented test back: all of its runs by group id, and one run in the summaries.
final class RunGroupQueryTests {
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    @Test func aGroupsRunsReadBackByIDAndCountOnceInTheSummaries() async throws {
        let store = try await BaselineStore.open(path: folder.path("perfkit.sqlite"))
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for index in 1...4 {
            var run = Fixtures.smallRun(version: "v2", scenario: "latency", startedAt: start.addingTimeInterval(Double(index) / 10),
                                        status: index == 3 ? .interrupted : .completed)
            run.group = RunGroupMembership(id: "job-a", segment: try #require(ExecutionSegment(index: index, of: 4)))
            try await store.save(run)
        }
        try await store.save(Fixtures.smallRun(version: "v2", scenario: "latency", startedAt: start.addingTimeInterval(60)))
        var other = Fixtures.smallRun(version: "v2", scenario: "latency", startedAt: start.addingTimeInterval(120))
        other.group = RunGroupMembership(id: "job-b", segment: .whole)
        try await store.save(other)

        let group = try await store.runs(group: "job-a")
        #expect(group.map { $0.group?.segment.description } == ["0:1/4", "1/4:1/2", "1/2:3/4", "3/4:1"])
        #expect(try await store.runs(group: "job-c").isEmpty)

        let summary = try #require(try await store.summaries().first)
        #expect(summary.runCount == 3)
        #expect(summary.runsByStatus == [.completed: 2, .interrupted: 1, .failed: 0])
        #expect(summary.firstStartedAt == start.addingTimeInterval(0.1))
    }
}
