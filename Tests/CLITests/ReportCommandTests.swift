import Baselines
import Foundation
import FoundationXML
import RunFixtures
import Testing
import TestSupport

/// `perfkit report` and `compare --format html` through the built binary, on a store filled by
/// `baselines import` with synthetic runs (the gate's statistics are tested elsewhere; here
/// only what the commands write and how they exit).
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ReportCommandTests {
    private let folder: TemporaryFolder
    private var store: String { folder.path("perfkit.sqlite") }

    init() throws {
        folder = try TemporaryFolder()
    }

    /// Stores three runs of v1.2.2 and three of v1.2.3 at 30% more latency (run ids 1 to 6).
    private func storeSlowdown() async throws {
        let base = RunBuilder(step: "GET /api/signals", seconds: 10, recordsPhases: true)
        let runs = base.runs(3) + base.with(version: "v1.2.3", seed: 100) { $0.latencyMilliseconds = 13 }.runs(3)
        let export = folder.url.appendingPathComponent("runs.json")
        try RunRecord.exportDocument(runs).write(to: export)
        let imported = try await PerfkitBinary.run(["baselines", "import", export.path, "--store", store])
        #expect(imported.exitCode == 0, "\(imported.stderr)")
    }

    private func report(_ arguments: [String]) async throws -> ProcessOutcome {
        try await PerfkitBinary.run(["report"] + arguments + ["--store", store])
    }

    private let versions = ["--baseline-version=v1.2.2", "--current-version=v1.2.3"]

    @Test func comparisonReportExitsLikeTheGate() async throws {
        try await storeSlowdown()
        let page = folder.url.appendingPathComponent("report.html")
        let regressed = try await report(versions + ["--output", page.path])
        #expect(regressed.exitCode == 1, "\(regressed.stderr)")
        #expect(regressed.stdout.contains("RESULT: REGRESSION"), "the terminal still shows the verdict")
        #expect(regressed.stdout.hasSuffix("HTML report written to \(page.path)\n"))
        let document = try XMLDocument(contentsOf: page)
        #expect(try document.nodes(forXPath: "//*[local-name()='svg']").count >= 3)
        let footer = try #require(try document.nodes(forXPath: "//*[local-name()='footer']").first?.stringValue)
        #expect(footer.contains("perfkit report --baseline-version=v1.2.2 --current-version=v1.2.3 --output"))

        let generous = try await report(versions + ["--threshold=1000", "--output", page.path])
        #expect(generous.exitCode == 0, "\(generous.stdout)\(generous.stderr)")
        #expect(generous.stdout.contains("RESULT: no regression"))

        let unknown = try await report(["--baseline-version=v1.2.2", "--current-version=v9"])
        #expect(unknown.exitCode == 3)
        #expect(unknown.stderr.contains("no runs stored for version 'v9'"))
        #expect(unknown.stderr.contains("stored versions: v1.2.2, v1.2.3"))
    }

    @Test func compareWritesTheSamePageAsHTML() async throws {
        try await storeSlowdown()
        let toStdout = try await PerfkitBinary.run(["compare"] + versions + ["--format", "html", "--store", store])
        #expect(toStdout.exitCode == 1)
        #expect(toStdout.stdout.hasPrefix("<!DOCTYPE html>"))
        _ = try XMLDocument(xmlString: toStdout.stdout)
        let page = folder.url.appendingPathComponent("gate.html")
        let toFile = try await PerfkitBinary.run(["compare"] + versions + ["--format", "html", "--output", page.path,
                                                                           "--store", store])
        #expect(toFile.exitCode == 1)
        #expect(toFile.stdout.contains("RESULT: REGRESSION"))
        let written = try String(contentsOf: page, encoding: .utf8)
        // Apart from the footer's command line and time, compare's page is report's.
        let body = { (html: String) in html.components(separatedBy: "<footer>").first ?? "" }
        #expect(body(written) == body(toStdout.stdout))
    }

    @Test func runReportAndItsExitCodes() async throws {
        try await storeSlowdown()
        let page = folder.url.appendingPathComponent("run.html")
        let single = try await report(["--run", "4", "--output", page.path])
        #expect(single.exitCode == 0, "\(single.stderr)")
        #expect(single.stdout == "HTML report written to \(page.path)\n")
        let document = try XMLDocument(contentsOf: page)
        #expect(try document.nodes(forXPath: "//*[local-name()='h1']").first?.stringValue == "Run #4 of v1.2.3")

        let missing = try await report(["--run", "99"])
        #expect(missing.exitCode == 3)
        #expect(missing.stderr.contains("no run 99 in '\(store)'"))

        let noStore = try await PerfkitBinary.run(["report", "--run", "1", "--store", folder.path("none.sqlite")])
        #expect(noStore.exitCode == 3)
        #expect(noStore.stderr.contains("no baselines store"))

        let unwritable = try await report(["--run", "4", "--output", "/nonexistent/folder/run.html"])
        #expect(unwritable.exitCode == 4)
        #expect(unwritable.stderr.contains("--output '/nonexistent/folder/run.html' cannot be written"))
    }
}
