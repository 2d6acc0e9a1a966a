import Baselines
import Foundation
import Testing
import TestSupport

/// Listing, summarising and deleting what the store holds, in every backend.
struct StoreQueriesTests {
    /// The test's files, kept until the test ends (a store's folder must outlive the store).
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    private let start = Date(timeIntervalSince1970: 1_777_636_800)

    @Test(arguments: StoreBackend.available)
    func versionsAreListedInTheOrderTheyWereFirstMeasured(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        for (offset, version) in [(50.0, "v1.2.3"), (10.0, "v1.2.2"), (60.0, "v1.2.2"), (5.0, "v1.10.0")] {
            try await store.save(Fixtures.smallRun(version: version, scenario: "latency",
                                                   startedAt: start.addingTimeInterval(offset)))
        }
        #expect(try await store.versions() == ["v1.10.0", "v1.2.2", "v1.2.3"])
    }

    @Test(arguments: StoreBackend.available)
    func scenariosBelongToTheirVersion(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        try await store.save(Fixtures.smallRun(version: "v1", scenario: "throughput", startedAt: start))
        try await store.save(Fixtures.smallRun(version: "v1", scenario: "latency", startedAt: start + 1))
        try await store.save(Fixtures.smallRun(version: "v2", scenario: "load", startedAt: start))
        #expect(try await store.scenarios(version: "v1") == ["throughput", "latency"])
        #expect(try await store.scenarios(version: "v3").isEmpty)
    }

    @Test(arguments: StoreBackend.available)
    func deletingAVersionRemovesItsRunsHistogramsAndSeries(backend: StoreBackend) async throws {
        let fixture = StoreFixture(backend, in: folder)
        let store = try await fixture.open()
        let deletedIDs = [try await store.save(Fixtures.run(version: "v1")),
                          try await store.save(Fixtures.run(version: "v1"))]
        let keptID = try await store.save(Fixtures.run(version: "v2"))

        #expect(try await store.delete(version: "v1") == 2)
        #expect(try await store.versions() == ["v2"])
        for id in deletedIDs { #expect(try await store.run(id: id) == nil) }
        #expect(try await store.run(id: keptID)?.histograms.count == 4)
        #expect(try await store.delete(version: "v1") == 0)

        if fixture.canExecute {
            let orphans = try fixture.execute("""
                SELECT (SELECT count(*) FROM histograms WHERE run_id NOT IN (SELECT id FROM runs))
                     + (SELECT count(*) FROM series WHERE run_id NOT IN (SELECT id FROM runs));
                """)
            #expect(orphans == "0")
        }
    }

    @Test(arguments: StoreBackend.available)
    func summariesCountRunsPerVersionAndScenarioAcrossThousandsOfRuns(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        let statuses: [RunStatus] = [.completed, .completed, .completed, .interrupted, .failed]
        var runs: [RunRecord] = []
        for index in 0..<2_000 {
            runs.append(Fixtures.smallRun(version: "v\(index % 4)", scenario: index % 2 == 0 ? "latency" : "load",
                                          startedAt: start.addingTimeInterval(Double(index)),
                                          status: statuses[index % statuses.count]))
        }
        try await store.importRuns(try ExportDocument.encode(runs))

        let summaries = try await store.summaries()
        #expect(summaries.count == 4)  // v0 and v2 only ran latency, v1 and v3 only load
        let first = try #require(summaries.first)
        #expect(first.version == "v0" && first.scenario == "latency")
        #expect(first.runCount == 500)
        #expect(first.firstStartedAt == start)
        #expect(first.lastStartedAt == start.addingTimeInterval(1_996))
        #expect(first.runsByStatus == [.completed: 300, .interrupted: 100, .failed: 100])
        #expect(summaries.map(\.runCount).reduce(0, +) == 2_000)
    }

    @Test(arguments: StoreBackend.available)
    func emptyStoreHasNoVersionsOrSummaries(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        #expect(try await store.versions().isEmpty)
        #expect(try await store.summaries().isEmpty)
    }
}
