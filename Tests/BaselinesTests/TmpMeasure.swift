import Baselines
import Foundation
import Testing
@Test func tmpMeasure() async throws {
    guard let dir = ProcessInfo.processInfo.environment["PERFKIT_MEASURE_DIR"] else { return }
    let clock = ContinuousClock()
    let path = dir + "/big.sqlite"
    if !FileManager.default.fileExists(atPath: path) {
        let store = try await BaselineStore.open(path: path)
        let template = Fixtures.run()
        var runs: [RunRecord] = []
        for i in 0..<10_000 {
            var r = template
            r.version = "v\(i % 4)"
            r.scenario = ["latency", "load"][i % 2]
            r.startedAt = Date(timeIntervalSince1970: 1_770_000_000 + Double(i) * 60)
            runs.append(r)
        }
        let data = try ExportDocument.encode(runs)
        print("MEASURE import 10000", try await clock.measure { _ = try await store.importRuns(data) })
    }
    print("MEASURE size", try FileManager.default.attributesOfItem(atPath: path)[.size]!)
    var store: BaselineStore?
    print("MEASURE open", try await clock.measure { store = try await BaselineStore.open(path: path) })
    let s = store!
    print("MEASURE summaries", try await clock.measure { _ = try await s.summaries() })
    print("MEASURE versions", try await clock.measure { _ = try await s.versions() })
    print("MEASURE runs(v1, latency) 1250", try await clock.measure { _ = try await s.runs(version: "v1", scenario: "latency") })
    print("MEASURE runs(v1) 2500", try await clock.measure { _ = try await s.runs(version: "v1") })
    let one = Fixtures.run()
    print("MEASURE 50 saves", try await clock.measure { for _ in 0..<50 { _ = try await s.save(one) } })
    let scratch = try await BaselineStore.open(path: dir + "/scratch-\(UUID()).sqlite")
    print("MEASURE 50 saves empty store", try await clock.measure { for _ in 0..<50 { _ = try await scratch.save(one) } })
}
