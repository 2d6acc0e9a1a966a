import Foundation

/// A file a command writes its report or export to.
public enum OutputFile {
    /// Writes `data` to `path`; a file that cannot be written ends the command with exit code 4
    /// and the reason, naming the flag that chose the path (`--output`) when there is one.
    public static func write(_ data: Data, to path: String, flag: String? = "--output") throws {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            let named = flag.map { "\($0) '\(path)'" } ?? "'\(path)'"
            throw CommandFailure(code: .couldNotRun, message: "\(named) cannot be written: \(error.localizedDescription)")
        }
    }
}
