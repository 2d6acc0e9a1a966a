import Foundation

/// The `sqlite3` command-line shell, for tests that need a second process or another
/// application's database. Tests using it are skipped where it is not installed.
enum SQLiteShell {
    static let executable = "/usr/bin/sqlite3"

    /// Whether the shell is installed.
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// Runs `script` against the database at `path`; returns the shell's standard output.
    @discardableResult
    static func run(_ path: String, _ script: String) throws -> String {
        let shell = try launch(path, script)
        let output = shell.standardOutput.fileHandleForReading.readDataToEndOfFile()
        shell.process.waitUntilExit()
        guard shell.process.terminationStatus == 0 else {
            throw ShellFailure(status: shell.process.terminationStatus, script: script)
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts the shell on `script` and returns at once.
    static func launch(_ path: String, _ script: String) throws -> (process: Process, standardOutput: Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        return (process, output)
    }

    struct ShellFailure: Error, CustomStringConvertible {
        let status: Int32
        let script: String
        var description: String { "sqlite3 exited with \(status) running: \(script)" }
    }
}
