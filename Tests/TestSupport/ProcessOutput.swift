import Foundation

/// A child process's stdout and stderr, read as they come so a chatty process never blocks on
/// a full pipe.
public final class ProcessOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    /// Starts reading `stdout` and `stderr`; set them as the process's outputs before running it.
    public init(stdout: Pipe, stderr: Pipe) {
        stdout.fileHandleForReading.readabilityHandler = { [weak self] in self?.append($0.availableData, error: false) }
        stderr.fileHandleForReading.readabilityHandler = { [weak self] in self?.append($0.availableData, error: true) }
    }

    /// What the process wrote to stdout so far.
    public var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    /// What it wrote to stderr so far.
    public var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    private func append(_ data: Data, error: Bool) {
        lock.withLock { if error { err.append(data) } else { out.append(data) } }
    }
}
