import Foundation
import Glibc
import TestSupport

/// Debian's Chromium run headless on a file, as the browser tests need it: installed by
/// `scripts/install-deps chromium` when missing, run as root without its sandbox, with a
/// throw-away profile and HOME, and killed (with every process it started) if it hangs.
enum HeadlessChromium {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What a run printed.
    struct Output {
        let stdout: String
        let stderr: String
    }

    /// The browser's path, installing Debian's `chromium` package first when it is missing.
    static func executable() throws -> String {
        try DebianPackage.executable(["/usr/bin/chromium", "/usr/bin/chromium-browser"], from: "chromium")
    }

    /// Opens `page` headless in a `width`×`height` window with `arguments` added (such as
    /// `--screenshot=PATH` or `--dump-dom`), waiting at most `timeout`.
    static func open(_ page: URL, width: Int, height: Int, arguments: [String],
                     timeout: Duration = .seconds(60)) async throws -> Output {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("perfkit-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                             "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)"]
            + arguments + [page.absoluteString]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = profile.path
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let collected = ProcessOutput(stdout: stdout, stderr: stderr)
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                // Foundation starts the browser as the leader of its own process group: killing
                // the group ends its renderer and GPU processes too.
                kill(-process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw Failure(description: "chromium did not finish within \(timeout): \(collected.stderr.suffix(2_000))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.waitUntilExit()
        try await collected.waitForEnd()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "chromium exited \(process.terminationStatus): \(collected.stderr.suffix(2_000))")
        }
        return Output(stdout: collected.stdout, stderr: collected.stderr)
    }
}
