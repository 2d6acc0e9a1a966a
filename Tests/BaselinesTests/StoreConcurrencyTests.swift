import Baselines
import Foundation
import Testing
import TestSupport

/// Several writers share one store: perfkit processes run side by side in CI.
final class StoreConcurrencyTests {
    private let folder: TemporaryFolder
    private var path: String { folder.path("perfkit.sqlite") }

    init() throws {
        folder = try TemporaryFolder()
    }

    @Test(arguments: StoreBackend.available)
    func twoStoresOnOneStoreSaveConcurrentlyAndBothSucceed(backend: StoreBackend) async throws {
        let fixture = StoreFixture(backend, in: folder)
        let first = try await fixture.open()
        let second = try await fixture.open()
        let template = Fixtures.run()
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<40 {
                let store = index % 2 == 0 ? first : second
                var run = template
                run.version = "v\(index % 2)"
                run.startedAt += Double(index)
                group.addTask { try await store.save(run) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(ids).count == 40)
        #expect(try await first.runs(version: "v1").count == 20)
        #expect(try await second.runs(version: "v0").count == 20)
    }

    /// The window this guards is a few microseconds wide (a creator between its first write and
    /// its migration), so the race is run many times over, on a new store each time.
    @Test(arguments: StoreBackend.available)
    func storesCreatingOneNewStoreAtOnceAllOpen(backend: StoreBackend) async throws {
        let fixture = StoreFixture(backend, in: folder)
        for round in 0..<(backend == .sqlite ? 30 : 10) {
            let name = "created-\(round)"
            _ = try fixture.url(name)
            let stores = try await withThrowingTaskGroup(of: (any RunStore).self) { group in
                for _ in 0..<4 { group.addTask { try await fixture.open(name) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (index, store) in stores.enumerated() {
                try await store.save(Fixtures.smallRun(version: "v\(index)", scenario: "latency", startedAt: Date()))
            }
            #expect(try await stores[0].versions().count == stores.count)
        }
    }

    @Test(.enabled(if: SQLiteShell.isAvailable))
    func saveWaitsOutAnotherProcessHoldingTheWriteLock() async throws {
        let store = try await BaselineStore.open(path: path)
        let other = try SQLiteShell.launch(path, """
            .timeout 10000
            BEGIN IMMEDIATE;
            INSERT INTO runs (version, scenario, step, target_url, config_json, host_cpu_model, host_cores,
                host_memory_bytes, host_kernel, perfkit_version, started_at, ended_at, status, requests_sent,
                requests_completed, responses, failures, dropped, unfinished, intended_rate, achieved_rate,
                status_codes_json, errors_json)
            VALUES ('from-sqlite3', 'latency', 'GET /', 'http://h/', '{}', 'cpu', 2, 1, 'k', '0',
                '2026-05-01T12:00:00.000000000Z', '2026-05-01T12:00:01.000000000Z', 'completed', 1, 1, 1, 0, 0, 0,
                NULL, 1.0, '{}', '{}');
            .print locked
            .shell sleep 0.5
            COMMIT;
            """)
        // Wait until the other process holds the lock.
        let output = other.standardOutput.fileHandleForReading
        var announced = Data()
        while !String(decoding: announced, as: UTF8.self).contains("locked") {
            let chunk = output.availableData
            guard !chunk.isEmpty else { break }
            announced.append(chunk)
        }
        #expect(String(decoding: announced, as: UTF8.self).contains("locked"))

        let clock = ContinuousClock()
        let began = clock.now
        let id = try await store.save(Fixtures.run(version: "from-perfkit"))
        let waited = clock.now - began
        other.process.waitUntilExit()

        #expect(other.process.terminationStatus == 0)
        #expect(waited > .milliseconds(200), "save waited \(waited)")
        #expect(try await store.run(id: id) != nil)
        #expect(Set(try await store.versions()) == ["from-perfkit", "from-sqlite3"])
    }
}
