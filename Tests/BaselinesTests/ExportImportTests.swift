@testable import Baselines
import Foundation
import Testing
import TestSupport

/// A store moves between CI jobs as an export document and comes back equal, in every backend.
struct ExportImportTests {
    /// The test's files, kept until the test ends (a store's folder must outlive the store).
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    @Test(arguments: StoreBackend.available)
    func exportThenImportIntoAnotherStoreGivesEqualRecordsUnderNewIDs(backend: StoreBackend) async throws {
        let fixture = StoreFixture(backend, in: folder)
        let source = try await fixture.open("source")
        let start = Date()
        for offset in 0..<3 {
            try await source.save(Fixtures.run(version: "v1.2.2", startedAt: start + Double(offset), seed: UInt64(offset)))
        }
        try await source.save(Fixtures.run(version: "v1.2.3", startedAt: start + 10))

        let destination = try await fixture.open("destination")
        try await destination.save(Fixtures.smallRun(version: "v0", scenario: "other", startedAt: start - 100))
        #expect(try await destination.importRuns(try await source.export(version: "v1.2.2")) == 3)

        let original = try await source.runs(version: "v1.2.2")
        let imported = try await destination.runs(version: "v1.2.2")
        #expect(imported.map(withoutID) == original.map(withoutID))
        #expect(Set(imported.compactMap(\.id)).isDisjoint(with: [1]))
        #expect(try await destination.versions() == ["v0", "v1.2.2"])
    }

    @Test(arguments: StoreBackend.available)
    func exportWithoutVersionHoldsEveryRun(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        try await store.save(Fixtures.smallRun(version: "v1", scenario: "latency", startedAt: Date()))
        try await store.save(Fixtures.smallRun(version: "v2", scenario: "latency", startedAt: Date()))
        let document = try JSONSerialization.jsonObject(with: try await store.export(version: nil)) as? [String: Any]
        #expect((document?["runs"] as? [Any])?.count == 2)
    }

    @Test(arguments: StoreBackend.available)
    func exportIsTheDocumentedJSONWithISO8601DatesAndHistograms(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        let started = Date(timeIntervalSince1970: 1_777_636_800.5)
        try await store.save(Fixtures.run(startedAt: started))
        let data = try await store.export(version: "v1.2.3")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"format\" : \"perfkit-baselines\",\n  \"format_version\" : 2,\n  \"runs\" : ["))

        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        #expect(run["startedAt"] as? String == "2026-05-01T12:00:00.500000000Z")
        #expect(run["status"] as? String == "completed")
        let latency = try #require((run["histograms"] as? [String: Any])?["latency"] as? [String: Any])
        #expect((latency["values"] as? [Any])?.isEmpty == false)
        // Exporting twice gives the same bytes: keys are sorted.
        #expect(try await store.export(version: "v1.2.3") == data)
    }

    @Test(arguments: StoreBackend.available)
    func exportOfAnUnknownVersionHasNoRuns(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        let document = try JSONSerialization.jsonObject(with: try await store.export(version: "v9")) as? [String: Any]
        #expect((document?["runs"] as? [Any])?.isEmpty == true)
    }

    @Test(arguments: StoreBackend.available)
    func importingTwiceStoresTheRunsTwice(backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend, in: folder).open()
        try await store.save(Fixtures.smallRun(version: "v1", scenario: "latency", startedAt: Date()))
        let export = try await store.export(version: "v1")
        #expect(try await store.importRuns(export) == 1)
        #expect(try await store.runs(version: "v1").count == 2)
    }

    @Test(arguments: StoreBackend.available)
    func importRejectsWhatIsNotAnExportAndStoresNothing(backend: StoreBackend) async throws {
        let fixture = StoreFixture(backend, in: folder)
        let store = try await fixture.open()
        let path = try fixture.location()
        let run = Fixtures.smallRun(version: "v1", scenario: "latency", startedAt: Date())
        var badHistogram = try #require(try JSONSerialization.jsonObject(with: ExportDocument.encode([run, run]))
                                            as? [String: Any])
        var runs = try #require(badHistogram["runs"] as? [[String: Any]])
        var histograms = try #require(runs[1]["histograms"] as? [String: Any])
        var latency = try #require(histograms["latency"] as? [String: Any])
        latency["significantDigits"] = 9
        histograms["latency"] = latency
        runs[1]["histograms"] = histograms
        badHistogram["runs"] = runs

        let cases: [(data: Data, says: String)] = [
            (Data("perfkit".utf8), "not a JSON object"),
            (try ExportDocument.encode([run], format: "k6-summary"), "'k6-summary'"),
            (try ExportDocument.encode([run], formatVersion: 3), "upgrade perfkit"),
            (Data(#"{"format":"perfkit-baselines","format_version":1,"runs":[{"version":"v1"}]}"#.utf8), "is missing"),
            (try JSONSerialization.data(withJSONObject: badHistogram), "runs[1].histograms.latency"),
        ]
        for (data, says) in cases {
            do {
                _ = try await store.importRuns(data)
                Issue.record("imported \(String(decoding: data.prefix(60), as: UTF8.self))")
            } catch {
                guard case .invalidImport(let errorPath, let detail) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(errorPath == path)
                #expect(error.description.contains(says), "\(error.description)")
                #expect(!detail.isEmpty)
            }
        }
        #expect(try await store.versions().isEmpty)
    }
}

private func withoutID(_ run: RunRecord) -> RunRecord {
    var run = run
    run.id = nil
    return run
}

/// Exports stay small: a histogram's thousands of numbers sit on one line.
struct ExportLayoutTests {
    @Test func arraysOfNumbersAreJoinedOntoOneLine() {
        let pretty = Data("{\n  \"counts\" : [\n    1,\n    22,\n    -3.5e2\n  ],\n  \"empty\" : [\n\n  ]\n}".utf8)
        #expect(String(decoding: BaselinesExport.joiningNumberArrays(pretty), as: UTF8.self)
                    == "{\n  \"counts\" : [1, 22, -3.5e2],\n  \"empty\" : []\n}")
    }

    @Test func textInsideStringsAndArraysOfObjectsIsLeftAlone() {
        let pretty = Data("{\n  \"config\" : \"[1,  2]\",\n  \"runs\" : [\n    {\n      \"a\" : [\n        1\n      ]\n    }\n  ]\n}".utf8)
        #expect(String(decoding: BaselinesExport.joiningNumberArrays(pretty), as: UTF8.self)
                    == "{\n  \"config\" : \"[1,  2]\",\n  \"runs\" : [\n    {\n      \"a\" : [1]\n    }\n  ]\n}")
    }
}
