import DemoTarget
import Foundation
import Testing
import TestSupport

/// Hostile scenario files, store paths, stores and labels, through the built binary: each is
/// refused with the exit code and a message naming what is wrong, or handled without harm.
@Suite(.serialized, .timeLimit(.minutes(5)))
final class HostileFilesTests {
    private let folder: TemporaryFolder

    /// The temporary folder's path.
    private var directory: String { URL(fileURLWithPath: folder.path("x")).deletingLastPathComponent().path }

    init() throws {
        folder = try TemporaryFolder()
    }

    // MARK: Bad input: exit 2, nothing measured or created

    /// `{dir}` in an argument or variable is the test's temporary folder, which holds `fifo`
    /// (a FIFO) and the scenario files of `hostileScenarios`.
    @Test(arguments: [
        (["latency", "http://127.0.0.1:1/", "--store", ""], [:], "--store: the store path is empty"),
        (["latency", "http://127.0.0.1:1/", "--store", "{dir}/fifo"], [:], "--store: '{dir}/fifo' is a FIFO"),
        (["latency", "http://127.0.0.1:1/", "--store", "/dev/null"], [:], "--store: '/dev/null' is a character device"),
        (["latency", "http://127.0.0.1:1/", "--store", "{dir}"], [:], "--store: '{dir}' is a folder"),
        (["baselines", "list"], ["PERFKIT_STORE": "{dir}/fifo"], "PERFKIT_STORE: '{dir}/fifo' is a FIFO"),
        (["compare", "--baseline-version=a", "--current-version=b", "--store", "/dev/null"], [:], "is a character device"),
        (["latency", "http://127.0.0.1:1/", "--version", "v1\u{1B}[31m"], [:], "--version contains control characters"),
        (["latency", "http://127.0.0.1:1/", "--version", "v1\nv2", "--no-store"], [:], "--version contains control characters"),
        (["latency", "http://127.0.0.1:1/", "--scenario", String(repeating: "s", count: 129)], [:], "--scenario is 129 characters"),
        (["latency", "http://127.0.0.1:1/"], ["PERFKIT_VERSION": String(repeating: "v", count: 200)], "PERFKIT_VERSION is 200"),
        (["run", "{dir}/alias-bomb-body.yaml"], [:], "alias-bomb-body.yaml:1"),
        (["run", "{dir}/alias-bomb-body.yaml"], [:], "more than 100000 YAML nodes"),
        (["run", "{dir}/alias-bomb-headers.yaml"], [:], "more than 100000 YAML nodes"),
        (["run", "{dir}/huge.yaml"], [:], "at most 1048576 are read"),
        (["run", "{dir}/long-value.yaml"], [:], "long-value.yaml:2:14: a value of 262145 bytes"),
        (["run", "{dir}/bad-name.yaml"], [:], "bad-name.yaml:1:7: name contains control characters"),
        (["run", "{dir}/fifo"], [:], "not a regular file"),
    ] as [([String], [String: String], String)])
    func hostileInputExitsTwo(arguments: [String], environment: [String: String], says: String) async throws {
        try makeHostileFiles()
        let fill = { (text: String) in text.replacingOccurrences(of: "{dir}", with: self.directory) }
        let outcome = try await PerfkitBinary.run(arguments.map(fill), environment: environment.mapValues(fill), timeout: .seconds(30))
        #expect(outcome.exitCode == 2, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains(fill(says)), "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal"))
    }

    /// The hostile files the table names, made once per test.
    private func makeHostileFiles() throws {
        #expect(mkfifo(folder.path("fifo"), 0o600) == 0)
        let head = "name: bomb\ntarget: http://127.0.0.1:1\nload: {iterations: 1, vus: 1}\n"
        func bomb(indent: String) -> String {
            var lines = ["\(indent)a0: &a0 [" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]"]
            for level in 1...8 {
                lines.append("\(indent)a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
            }
            return lines.joined(separator: "\n")
        }
        let files = [
            "alias-bomb-body.yaml": head + "flow:\n  - name: s\n    method: POST\n    path: /\n    body:\n      x: 1\n"
                + bomb(indent: "      ") + "\n",
            "alias-bomb-headers.yaml": head + "defaults:\n  headers:\n" + bomb(indent: "    ")
                + "\nflow:\n  - {name: s, path: /}\n",
            "huge.yaml": head + "description: \"" + String(repeating: "x", count: 1 << 20) + "\"\n",
            "bad-name.yaml": "name: \"a\\e[2Jb\"\ntarget: http://127.0.0.1:1\nload: {iterations: 1, vus: 1}\nflow:\n  - {path: /}\n",
        ]
        for (name, text) in files { try text.write(toFile: folder.path(name), atomically: true, encoding: .utf8) }
        let longValue = "name: x\ndescription: " + String(repeating: "y", count: (256 << 10) + 1) + "\n"
        try longValue.write(toFile: folder.path("long-value.yaml"), atomically: true, encoding: .utf8)
    }

    // MARK: Stores and labels from runs

    /// Records one short run against `server` with `extra` flags into `store`.
    private func record(_ server: DemoServer, _ url: String? = nil, store: String, _ extra: [String]) async throws -> ProcessOutcome {
        try await PerfkitBinary.run(["latency", url ?? server.baseURL + "/api/signals", "--duration=1", "--rate=20", "-q",
                                     "--store", store] + extra)
    }

    /// Commands that only read must work on a store they cannot write, and leave it as it was:
    /// no `-wal` or `-shm` beside it, the same bytes and modification time. Tests run as root,
    /// whom file modes do not stop, so the file's mode is 0444 and the proof is that nothing
    /// was created or changed (a read-write open would leave `-wal` and `-shm`).
    @Test(arguments: [
        ["baselines", "list"], ["baselines", "show", "1"], ["baselines", "export"],
        ["compare", "--baseline-version=v1", "--current-version=v2"],
        ["report", "--baseline-version=v1", "--current-version=v2", "--output", "{dir}/report.html"],
        ["report", "--run", "1", "--output", "{dir}/run.html"],
    ])
    func readingCommandsLeaveAReadOnlyStoreUntouched(arguments: [String]) async throws {
        let store = folder.path("perfkit.sqlite")
        try await withDemoServer { server in
            for version in ["v1", "v2"] { _ = try await record(server, store: store, ["--version", version]) }
        }
        #expect(chmod(store, 0o444) == 0)
        let before = try fileState(store)
        let outcome = try await PerfkitBinary.run(arguments.map { $0.replacingOccurrences(of: "{dir}", with: directory) }
                                                  + ["--store", store])
        #expect([0, 1].contains(outcome.exitCode), "stderr: \(outcome.stderr)")
        #expect(!outcome.stderr.contains("readonly"), "stderr: \(outcome.stderr)")
        #expect(try fileState(store) == before)
        for suffix in ["-wal", "-shm", "-journal"] { #expect(!FileManager.default.fileExists(atPath: store + suffix)) }
    }

    /// A file's bytes and modification time.
    private struct FileState: Equatable {
        let modified: Date?
        let bytes: Data?
    }

    private func fileState(_ path: String) throws -> FileState {
        FileState(modified: try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date,
                  bytes: FileManager.default.contents(atPath: path))
    }

    /// Secrets in the URL and headers never reach any output: the text and JSON summaries, the
    /// `-o` file, the store, `baselines show`, `list`, `export`, the HTML report, error messages.
    @Test func secretsAreRedactedInEveryOutput() async throws {
        let secrets = ["S-pass", "S-user", "S-key", "S-auth", "S-token", "S-access", "S-sig", "S-xauth", "S-authn", "S-xat",
                       "S-xa", "S-session"]
        let store = folder.path("perfkit.sqlite")
        let output = folder.path("summary.json")
        var outputs: [String] = []
        try await withDemoServer { server in
            let port = URL(string: server.baseURL)!.port!
            let query = "?key=S-key&auth=S-auth&token=S-token&access_token=S-access&signature=S-sig&session=S-session"
            let headers = ["X-Auth: S-xauth", "Authentication: S-authn", "X-Auth-Token: S-xat", "X-Authorization: S-xa"]
                .flatMap { ["-H", $0] }
            for (url, format) in [("http://u:S-pass@127.0.0.1:\(port)/api/signals\(query)", "text"),
                                  ("http://S-user@127.0.0.1:\(port)/api/signals\(query)", "json")] {
                let run = try await record(server, url, store: store, headers + ["--version", "v-\(format)", "--format", format,
                                                                               "-o", output, "--repeat", "1"])
                #expect(run.exitCode == 0, "stderr: \(run.stderr)")
                outputs += [run.stdout, run.stderr, try String(contentsOfFile: output, encoding: .utf8)]
            }
        }
        let unreachable = try await PerfkitBinary.run(["latency", "http://u:S-pass@127.0.0.1:1/?token=S-token", "--duration=1",
                                                       "--no-store", "-q"])
        #expect(unreachable.exitCode == 4)
        outputs.append(unreachable.stderr)
        for arguments in [["baselines", "list"], ["baselines", "show", "1"], ["baselines", "show", "2", "--json"],
                          ["baselines", "export"], ["report", "--run", "1"],
                          ["report", "--baseline-version=v-text", "--current-version=v-json"]] {
            let read = try await PerfkitBinary.run(arguments + ["--store", store])
            #expect([0, 1].contains(read.exitCode), "\(arguments): \(read.stderr)")
            outputs += [read.stdout, read.stderr]
        }
        outputs.append(String(decoding: FileManager.default.contents(atPath: store) ?? Data(), as: UTF8.self))
        for (index, text) in outputs.enumerated() {
            for secret in secrets { #expect(!text.contains(secret), "output \(index) holds \(secret)") }
        }
        #expect(outputs[0].contains("u:<redacted>@"))
        #expect(outputs[3].contains("<redacted>@127.0.0.1"))
    }

    /// The target does not choose its label: a `/healthz` version too long or holding escape
    /// sequences is not used, and never printed.
    @Test func aHostileHealthzVersionIsNotUsed() async throws {
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J" + String(repeating: "v\n", count: 100_000)
        let store = folder.path("perfkit.sqlite")
        let outcome = try await withDemoServer(DemoTargetConfiguration(port: 0, version: hostile)) { server in
            try await record(server, store: store, [])
        }
        #expect(outcome.exitCode == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains("storing the run as 'unversioned'"))
        #expect(outcome.stderr.contains("stored run 1 as version unversioned"))
        #expect(!outcome.stderr.contains("\u{1B}") && !outcome.stdout.contains("\u{1B}"))
        #expect(outcome.stderr.utf8.count < 2_000)
    }
}
