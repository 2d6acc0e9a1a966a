import Foundation

/// A child process's stdout and stderr, read as they come so a chatty process never blocks on
/// a full pipe.
public final class ProcessOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private var openPipes = 2

    /// Starts reading `stdout` and `stderr`; set them as the process's outputs before running it.
    public init(stdout: Pipe, stderr: Pipe) {
        stdout.fileHandleForReading.readabilityHandler = { [weak self] in self?.read($0, error: false) }
        stderr.fileHandleForReading.readabilityHandler = { [weak self] in self?.read($0, error: true) }
    }

    /// What the process wrote to stdout so far.
    public var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    /// What it wrote to stderr so far.
    public var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Waits until both pipes reached their end (the process and anything it started exited),
    /// at most `timeout`: after the process exits, the handlers may still be reading its last
    /// writes, and a large report arrives in many pieces.
    public func waitForEnd(timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while lock.withLock({ openPipes > 0 }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    private func read(_ handle: FileHandle, error: Bool) {
        let data = handle.availableData
        lock.withLock {
            if data.isEmpty {
                handle.readabilityHandler = nil
                openPipes -= 1
            } else if error {
                err.append(data)
            } else {
                out.append(data)
            }
        }
    }
}
