import Foundation
import Testing
import TestSupport

/// The Kubernetes files in `deploy/k8s` load as Kubernetes objects (the official Python
/// client's models, since kubectl's dry run needs an API server), and every perfkit command
/// line in them is one perfkit accepts, as each pod of the Job would run it.
@Suite(.serialized)
struct DeployManifestTests {
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static var manifests: URL { packageRoot.appendingPathComponent("deploy/k8s") }

    @Test func theManifestsLoadAsKubernetesObjects() async throws {
        let outcome = try await KubernetesModels.check(Self.manifests)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let plan = try ManifestPlan(outcome.stdout)
        #expect(plan.objects >= 5)
        #expect(Set(plan.commands.map(\.container)) == ["perfkit", "check", "compare"])
    }

    @Test func theCheckRefusesAMisspelledFieldAndADanglingReference() async throws {
        let folder = try TemporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.manifests.path) where name.hasSuffix(".yaml") {
            var text = try String(contentsOf: Self.manifests.appendingPathComponent(name), encoding: .utf8)
            text = text.replacingOccurrences(of: "completionMode:", with: "completionMod:")
                .replacingOccurrences(of: "$(PERFKIT_GROUP)", with: "$(PERFKIT_GRUOP)")
            try text.write(toFile: folder.path(name), atomically: true, encoding: .utf8)
        }
        let outcome = try await KubernetesModels.check(folder.url)
        #expect(outcome.exitCode == 1)
        #expect(outcome.stderr.contains("spec.completionMod is not a field of V1Job"))
        #expect(outcome.stderr.contains("$(PERFKIT_GRUOP), which the container's environment lacks"))
    }

    /// Load commands get `--dry-run` (checks everything, sends nothing) once per pod index;
    /// the gate's commands run against an empty local store, where a command line perfkit
    /// accepts exits 3 (nothing stored yet) and one it refuses exits 2.
    @Test func everyPerfkitCommandLineInThemIsAccepted() async throws {
        let plan = try ManifestPlan(try await KubernetesModels.check(Self.manifests).stdout)
        let folder = try TemporaryFolder()
        var mounted: [String: String] = [:]
        for (path, text) in plan.files {
            let local = folder.path("mounted" + path)
            try FileManager.default.createDirectory(atPath: (local as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: local, atomically: true, encoding: .utf8)
            mounted[path] = local
        }
        for command in plan.commands {
            let arguments = command.arguments.map { mounted[$0] ?? $0 }
            var environment = command.environment
            // Nothing here may reach the cluster's store: an empty store file in its place.
            environment["PERFKIT_STORE"] = folder.path("store/perfkit.sqlite")
            if let completions = command.indexedCompletions {
                var arrivals: [Int] = []
                for index in 0..<completions {
                    environment["JOB_COMPLETION_INDEX"] = String(index)
                    let outcome = try await PerfkitBinary.run(arguments + ["--dry-run"], environment: environment)
                    #expect(outcome.exitCode == 0, "\(command.container) pod \(index): \(outcome.stderr)")
                    let plan = try DryRunPlan(outcome.stdout)
                    #expect(plan.spec == "\(index + 1)/\(completions)")
                    #expect(plan.group == command.environment["PERFKIT_GROUP"])
                    #expect(plan.startAt == command.environment["PERFKIT_START_AT"])
                    arrivals.append(plan.shares.arrivals.segment)
                    #expect(plan.shares.arrivals.whole == 4_000 * 300, "the scenario's 4000/s for 5 minutes")
                }
                #expect(arrivals.reduce(0, +) == 4_000 * 300, "the pods' shares add up to the whole test: \(arrivals)")
                #expect(!FileManager.default.fileExists(atPath: folder.path("store/perfkit.sqlite")),
                        "a dry run created the store")
            } else {
                let outcome = try await PerfkitBinary.run(arguments, environment: environment)
                #expect(outcome.exitCode == 3, "\(command.container): \(outcome.stderr)")
            }
        }
    }
}

/// `deploy/k8s/check_manifests.py` under a Python with the `kubernetes` client, installed from
/// PyPI into the build folder the first time.
private enum KubernetesModels {
    static let clientVersion = "37.0.2"
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the repository's checker on the manifests in `folder`.
    static func check(_ folder: URL) async throws -> ProcessOutcome {
        let checker = packageRoot.appendingPathComponent("deploy/k8s/check_manifests.py").path
        return try await run(try await python(), [checker, folder.path])
    }

    /// The virtual environment's python, created with the client when missing.
    private static func python() async throws -> String {
        let environment = packageRoot.appendingPathComponent(".build/python-kubernetes")
        let python = environment.appendingPathComponent("bin/python").path
        if FileManager.default.isExecutableFile(atPath: python),
           try await run(python, ["-c", "import kubernetes, yaml"]).exitCode == 0 {
            return python
        }
        let created = try await run("/usr/bin/env", ["python3", "-m", "venv", "--clear", environment.path])
        try #require(created.exitCode == 0, "python3 -m venv failed: \(created.stderr)")
        let installed = try await run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                               "kubernetes==\(clientVersion)"], timeout: .seconds(300))
        try #require(installed.exitCode == 0, "pip install kubernetes failed: \(installed.stderr)")
        return python
    }

    private static func run(_ executable: String, _ arguments: [String],
                            timeout: Duration = .seconds(60)) async throws -> ProcessOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let output = ProcessOutput(stdout: stdout, stderr: stderr)
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.stopByPID()
                throw TimedOut(command: ([executable] + arguments).joined(separator: " "))
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        try await output.waitForEnd()
        return ProcessOutcome(exitCode: process.terminationStatus, stdout: output.stdout, stderr: output.stderr)
    }

    struct TimedOut: Error {
        let command: String
    }
}

/// The parts of a load command's `--dry-run --format json` plan this test reads.
private struct DryRunPlan: Decodable {
    struct Share: Decodable {
        let whole: Int
        let segment: Int
    }

    struct Shares: Decodable {
        let arrivals: Share
    }

    let spec: String
    let group: String?
    let startAt: String?
    let shares: Shares

    init(_ json: String) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        self = try decoder.decode(Self.self, from: Data(json.utf8))
    }
}

/// What the checker prints: the objects it loaded, and every perfkit command line with its
/// environment and the files mounted into its pod.
private struct ManifestPlan: Decodable {
    struct Command: Decodable {
        let job: String
        let container: String
        let indexedCompletions: Int?
        let arguments: [String]
        let environment: [String: String]
    }

    let objects: Int
    let commands: [Command]
    let files: [String: String]

    init(_ json: String) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        self = try decoder.decode(Self.self, from: Data(json.utf8))
    }
}
