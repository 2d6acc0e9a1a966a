import Baselines
import DemoTarget
import Foundation
import RunFixtures
import Testing
import TestSupport

/// `--store postgres://…`: the load commands, `compare`, `baselines` and many writers at once
/// against a real PostgreSQL server; bad URLs and unreachable servers fail clearly, and the
/// password is never printed.
@Suite(.serialized, .timeLimit(.minutes(5)),
       .enabled(if: PostgresServer.isInstalled, "PostgreSQL's server binaries are not installed (scripts/install-deps postgresql)"))
struct PostgresStoreCommandTests {
    private let server: PostgresServer
    private let store: String

    init() throws {
        server = try PostgresServer.shared()
        store = server.url(database: try server.createDatabase())
    }

    /// Every output of `outcome`, which must never hold the password.
    private func expectNoPassword(_ outcome: ProcessOutcome, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!(outcome.stdout + outcome.stderr).contains(PostgresServer.password), sourceLocation: sourceLocation)
    }

    /// An export document of `count` runs of `version`.
    private func exportFile(_ count: Int, version: String, in folder: TemporaryFolder) throws -> String {
        let path = folder.path("\(version).json")
        try RunRecord.exportDocument(RunBuilder(version: version, seconds: 5).runs(count)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func eightProcessesImportingTenRunsEachAtOnceStoreAllEighty() async throws {
        let folder = try TemporaryFolder()
        let file = try exportFile(10, version: "v1", in: folder)
        let writers = try (0..<8).map { _ in try PerfkitBinary.launch(["baselines", "import", file, "--store", store]) }
        for writer in writers {
            let outcome = try await writer.wait(timeout: .seconds(120))
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("imported 10 run(s)"))
            expectNoPassword(outcome)
        }
        let exported = try await PerfkitBinary.run(["baselines", "export", "--store", store])
        #expect(exported.exitCode == 0, "\(exported.stderr)")
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])["runs"]
        #expect((runs as? [[String: Any]])?.count == 80)
        #expect(Set((runs as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }).count == 80)
    }

    @Test func aLatencyRunIsStoredAndComparedInPostgreSQL() async throws {
        let outcomes = try await withDemoServer(DemoTargetConfiguration(port: 0, latency: .milliseconds(2))) { demo in
            try await [("v1.2.2", 2), ("v1.2.3", 1)].asyncMap { version, runs in
                try await PerfkitBinary.run(["latency", demo.baseURL + "/api/signals", "--duration=2", "--rate=100", "-q",
                                             "--store", store, "--version", version, "--repeat", "\(runs)"])
            }
        }
        for outcome in outcomes {
            #expect(outcome.exitCode == 0, "\(outcome.stderr)")
            expectNoPassword(outcome)
        }
        #expect(outcomes[0].stderr.contains("stored runs 1-2") || outcomes[0].stderr.contains("stored run 2"),
                "\(outcomes[0].stderr)")
        #expect(outcomes[0].stderr.contains("postgres://127.0.0.1:\(server.port)/"), "\(outcomes[0].stderr)")
        let compared = try await PerfkitBinary.run(["compare", "--baseline-version=v1.2.2", "--current-version=v1.2.3",
                                                    "--threshold=500", "--store", store])
        #expect(compared.exitCode == 0, "\(compared.stdout)\(compared.stderr)")
        #expect(compared.stdout.contains("GET /api/signals"))
        expectNoPassword(compared)
        let listed = try await PerfkitBinary.run(["baselines", "list"], environment: ["PERFKIT_STORE": store])
        #expect(listed.exitCode == 0 && listed.stdout.contains("v1.2.3"), "\(listed.stderr)")
    }

    @Test func copyMovesASQLiteStoreIntoPostgreSQLAndRefusesCopyingOntoItself() async throws {
        let folder = try TemporaryFolder()
        let file = folder.path("perfkit.sqlite")
        let imported = try await PerfkitBinary.run(["baselines", "import", try exportFile(3, version: "v7", in: folder),
                                                    "--store", file])
        #expect(imported.exitCode == 0, "\(imported.stderr)")
        let copied = try await PerfkitBinary.run(["baselines", "copy", "--from", file, "--to", store])
        #expect(copied.exitCode == 0, "\(copied.stderr)")
        #expect(copied.stdout.contains("copied 3 run(s)"), "\(copied.stdout)")
        expectNoPassword(copied)
        let original = try await PerfkitBinary.run(["baselines", "show", "1", "--json", "--store", file])
        let copy = try await PerfkitBinary.run(["baselines", "show", "1", "--json", "--store", store])
        #expect(copy.exitCode == 0 && copy.stdout == original.stdout, "\(copy.stderr)")

        let back = try await PerfkitBinary.run(["baselines", "copy", "--from", store, "--to", folder.path("back.sqlite")])
        #expect(back.stdout.contains("copied 3 run(s)"), "\(back.stderr)")
        let ontoItself = try await PerfkitBinary.run(["baselines", "copy", "--from", store,
                                                      "--to", server.url(database: URL(string: store)!.lastPathComponent,
                                                                         withPassword: false)])
        #expect(ontoItself.exitCode == 2, "\(ontoItself.stderr)")
        #expect(ontoItself.stderr.contains("same store"))
    }

    @Test func aDatabaseWithoutAStoreIsMissingDataForReaders() async throws {
        let outcome = try await PerfkitBinary.run(["baselines", "list", "--store", store])
        #expect(outcome.exitCode == 3, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("no perfkit store in database"), "\(outcome.stderr)")
        expectNoPassword(outcome)
    }

    @Test(arguments: ["postgres://", "postgres://perfkit:hunter2@127.0.0.1/db?sslmode=sometimes"])
    func aBadURLExitsTwoNamingItsSource(url: String) async throws {
        let flagged = try await PerfkitBinary.run(["baselines", "list", "--store", url])
        #expect(flagged.exitCode == 2, "\(flagged.stderr)")
        #expect(flagged.stderr.contains("--store"))
        let variable = try await PerfkitBinary.run(["baselines", "list"], environment: ["PERFKIT_STORE": url])
        #expect(variable.exitCode == 2, "\(variable.stderr)")
        #expect(variable.stderr.contains("PERFKIT_STORE"))
        for outcome in [flagged, variable] { #expect(!outcome.stderr.contains("hunter2")) }
    }

    @Test func anUnreachableServerExitsFourWithinSecondsWithoutThePassword() async throws {
        let url = "postgres://perfkit:hunter2@127.0.0.1:\(unusedLoopbackPort())/baselines"
        let clock = ContinuousClock()
        let began = clock.now
        let outcome = try await PerfkitBinary.run(["baselines", "list", "--store", url])
        #expect(clock.now - began < .seconds(10))
        #expect(outcome.exitCode == 4, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("/baselines (user perfkit)"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Connection refused"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("hunter2"))
    }

    @Test func aWrongPasswordExitsFourWithoutPrintingIt() async throws {
        let url = store.replacingOccurrences(of: PostgresServer.password, with: "wrong-pw-8812")
        let outcome = try await PerfkitBinary.run(["baselines", "list", "--store", url])
        #expect(outcome.exitCode == 4, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("password authentication failed"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("wrong-pw-8812"))
    }
}

extension Array {
    /// The results of `transform` on each element, one after the other.
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
