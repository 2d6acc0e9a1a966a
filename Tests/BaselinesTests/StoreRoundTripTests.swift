import Baselines
import Foundation
import Testing
import TestSupport

/// What is saved reads back equal, field for field and histogram bucket for bucket, in every
/// backend.
struct StoreRoundTripTests {
    /// The test's files, kept until the test ends (a store's folder must outlive the store).
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    @Test(arguments: StoreBackend.available)
    func savedRunReadsBackEqualWithItsNewID(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        let run = Fixtures.run()
        let id = try await store.save(run)

        var expected = run
        expected.id = id
        let loaded = try #require(try await store.run(id: id))
        #expect(loaded == expected)
        #expect(try await store.runs(version: run.version) == [expected])
    }

    @Test(arguments: StoreBackend.available)
    func histogramsReadBackExactlyAsRecorded(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        let run = Fixtures.run()
        let loaded = try #require(try await store.run(id: try await store.save(run)))
        for (metric, snapshot) in run.histograms {
            let stored = try #require(loaded.histograms[metric])
            #expect(try Fixtures.canonicalJSON(stored.histogram()) == Fixtures.canonicalJSON(snapshot.histogram()),
                    "\(metric)")
        }
        #expect(loaded.histograms.keys.sorted() == run.histograms.keys.sorted())
    }

    @Test(arguments: StoreBackend.available)
    func runsSurviveReopeningTheStore(backend: StoreBackend) async throws {
        let fixture = StoreFixture(backend, in: folder)
        let id = try await fixture.open().save(Fixtures.run())
        let reopened = try await fixture.open()
        #expect(try await reopened.run(id: id)?.id == id)
    }

    @Test func openingCreatesMissingFolders() async throws {
        let nested = folder.path("a/b/c/perfkit.sqlite")
        _ = try await BaselineStore.open(path: nested)
        #expect(FileManager.default.fileExists(atPath: nested))
    }

    @Test(arguments: StoreBackend.available)
    func runsOfAVersionComeInStartOrderAndFilterByScenario(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        let start = Date()
        // Saved out of order on purpose.
        for (offset, scenario) in [(20.0, "load"), (0.0, "latency"), (10.0, "latency")] {
            try await store.save(Fixtures.smallRun(version: "v1", scenario: scenario,
                                                   startedAt: start.addingTimeInterval(offset)))
        }
        try await store.save(Fixtures.smallRun(version: "v2", scenario: "latency", startedAt: start))

        let all = try await store.runs(version: "v1")
        #expect(all.map(\.startedAt) == [0.0, 10, 20].map { start.addingTimeInterval($0) })
        #expect(try await store.runs(version: "v1", scenario: "latency").count == 2)
        #expect(try await store.runs(version: "v3").isEmpty)
    }

    @Test(arguments: StoreBackend.available)
    func unknownRunIDIsNil(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        #expect(try await store.run(id: 12_345) == nil)
    }

    @Test(arguments: StoreBackend.available)
    func aRunThatMeasuredNothingIsStillStored(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        var run = Fixtures.run(status: .failed)
        run.achievedRate = .nan
        run.intendedRate = nil
        run.series = [SeriesPoint(second: 0, requests: 0, errors: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0,
                                  mean: .nan, intendedRate: nil)]
        let loaded = try #require(try await store.run(id: try await store.save(run)))
        #expect(loaded.status == .failed)
        #expect(loaded.achievedRate.isNaN)
        #expect(loaded.series.first?.mean.isNaN == true)
        #expect(try await store.export(version: run.version).count > 0)
    }
}
