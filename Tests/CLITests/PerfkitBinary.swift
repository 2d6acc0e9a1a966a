import Foundation
import Glibc
import TestSupport

/// What one run of the built `perfkit` binary produced.
struct ProcessOutcome {
    let exitCode: Int32
    let stdout: String
    let stderr: String
}

/// Runs the `perfkit` executable that `swift build` put next to the test bundle.
enum PerfkitBinary {
    static var url: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("perfkit")
    }

    /// The store of every run that names none, one per test process.
    static let scratchStore = FileManager.default.temporaryDirectory
        .appendingPathComponent("perfkit-cli-tests-\(getpid())").appendingPathComponent("perfkit.sqlite").path

    /// Starts perfkit with `arguments`; the caller waits or signals it. With `shell`, perfkit
    /// runs under `/bin/sh -c "SHELL; exec perfkit ARGS"` (to set a limit or redirect stdout);
    /// with `wrapper`, as `WRAPPER... perfkit ARGS` (such as `unshare --net`).
    static func launch(_ arguments: [String], environment: [String: String] = [:], shell: String? = nil,
                       wrapper: [String] = []) throws -> RunningPerfkit {
        let process = Process()
        if let command = wrapper.first {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = wrapper.dropFirst() + [url.path] + arguments
        } else if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", shell + "; exec \"$0\" \"$@\"", url.path] + arguments
        } else {
            process.executableURL = url
            process.arguments = arguments
        }
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "PERFKIT_TARGET")
        merged.removeValue(forKey: "PERFKIT_VERSION")
        // Runs without --store go to a scratch store, never to the checkout's baselines/.
        merged["PERFKIT_STORE"] = scratchStore
        merged.merge(environment) { $1 }
        process.environment = merged
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let collector = RunningPerfkit(process: process, stdout: stdout, stderr: stderr)
        try process.run()
        return collector
    }

    /// Starts perfkit, waits for its first progress line (the run is under way), sends SIGINT,
    /// and returns how it ended.
    static func interruptOnceRunning(_ arguments: [String]) async throws -> ProcessOutcome {
        let running = try launch(arguments)
        let deadline = ContinuousClock.now + .seconds(20)
        while !running.stderrSoFar.contains("req/s"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        running.signal(SIGINT)
        return try await running.wait(timeout: .seconds(15))
    }

    /// Runs perfkit to completion (at most `timeout`) and returns its outcome.
    static func run(_ arguments: [String], environment: [String: String] = [:], shell: String? = nil,
                    wrapper: [String] = [], timeout: Duration = .seconds(60)) async throws -> ProcessOutcome {
        try await launch(arguments, environment: environment, shell: shell, wrapper: wrapper).wait(timeout: timeout)
    }
}

/// A perfkit process in flight, its output read as it comes so pipes never fill up.
final class RunningPerfkit: @unchecked Sendable {
    private let process: Process
    private let output: ProcessOutput

    init(process: Process, stdout: Pipe, stderr: Pipe) {
        self.process = process
        output = ProcessOutput(stdout: stdout, stderr: stderr)
    }

    var stderrSoFar: String { output.stderr }
    var stdoutSoFar: String { output.stdout }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Whether the process has ended.
    var hasExited: Bool { !process.isRunning }

    /// Waits for the process to exit; kills it and fails the wait after `timeout`.
    func wait(timeout: Duration) async throws -> ProcessOutcome {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                kill(process.processIdentifier, SIGKILL)
                throw TimedOut(arguments: process.arguments ?? [])
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        try await output.waitForEnd()
        return ProcessOutcome(exitCode: process.terminationStatus, stdout: output.stdout, stderr: output.stderr)
    }

    struct TimedOut: Error { let arguments: [String] }
}
