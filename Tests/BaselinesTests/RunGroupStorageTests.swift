import Baselines
import Foundation
import Testing
import TestSupport
import Units

/// A segmented test's runs keep their group and share through the store and its exports, and
/// stores written before groups existed open with every run ungrouped, in every backend.
struct RunGroupStorageTests {
    /// The test's files, kept until the test ends (a store's folder must outlive the store).
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    private static func segmentRun(_ index: Int, of count: Int, group: String = "job-7f3a") throws -> RunRecord {
        var run = Fixtures.run(seed: UInt64(index))
        run.group = RunGroupMembership(id: group, segment: try #require(ExecutionSegment(index: index, of: count)))
        return run
    }

    @Test(arguments: StoreBackend.available)
    func aSegmentsGroupAndShareReadBackExactly(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        var expected = try Self.segmentRun(3, of: 4)
        expected.id = try await store.save(expected)
        let loaded = try #require(try await store.run(id: expected.id!))
        #expect(loaded == expected)
        #expect(loaded.group?.segment.description == "1/2:3/4")
        var alone = Fixtures.run()
        alone.id = try await store.save(alone)
        #expect(try await store.run(id: alone.id!)?.group == nil)
    }

    @Test(arguments: StoreBackend.available)
    func exportAndImportKeepGroups(backend: StoreBackend) async throws {
        let fixture = StoreFixture(backend, in: folder)
        let source = try await fixture.open()
        let runs = try (1...3).map { try Self.segmentRun($0, of: 3) }
        for run in runs { try await source.save(run) }
        let copy = try await fixture.open("copy")
        #expect(try await copy.importRuns(try await source.export(version: nil)) == 3)
        let imported = try await copy.runs(version: "v1.2.3")
        #expect(imported.map(\.group) == runs.map(\.group))
    }

    @Test(arguments: StoreBackend.available)
    func aStoreFromBeforeGroupsOpensWithItsRunsUngrouped(backend: StoreBackend) async throws {
        let fixture = StoreFixture(backend, in: folder)
        guard fixture.canExecute else { return }
        let store = try await fixture.open()
        let id = try await store.save(Fixtures.run())
        // Turn the store back into what the previous perfkit wrote: schema v1 only.
        try fixture.execute("""
            DROP INDEX runs_by_group;
            ALTER TABLE runs DROP COLUMN segment;
            ALTER TABLE runs DROP COLUMN run_group;
            DELETE FROM \(fixture.migrationsTable) WHERE identifier = 'v2';
            """)
        let columnCount = backend == .sqlite
            ? "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'run_group'"
            : "SELECT count(*) FROM information_schema.columns WHERE table_name = 'runs' AND column_name = 'run_group'"
        #expect(try fixture.execute(columnCount) == "0")

        let reopened = try await fixture.open()
        #expect(try await reopened.run(id: id)?.group == nil)
        let grouped = try await reopened.save(try Self.segmentRun(1, of: 2))
        #expect(try await reopened.run(id: grouped)?.group?.id == "job-7f3a")
    }

    @Test(arguments: StoreBackend.available)
    func aGroupWithoutASegmentIsRefusedByTheSchema(backend: StoreBackend) async throws {
        let fixture = StoreFixture(backend, in: folder)
        guard fixture.canExecute else { return }
        _ = try await fixture.open()
        #expect(throws: (any Error).self) {
            try fixture.execute("""
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
struct RunGroupQueryTests {
    /// The test's files, kept until the test ends (a store's folder must outlive the store).
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    @Test(arguments: StoreBackend.available)
    func aGroupsRunsReadBackByIDAndCountOnceInTheSummaries(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
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
