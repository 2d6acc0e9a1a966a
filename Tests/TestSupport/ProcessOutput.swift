import Foundation
import Glibc

/// A child process's stdout and stderr, read as they come so a chatty process never blocks on
/// a full pipe.
public final class ProcessOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private var openPipes = 2

    /// Starts reading `stdout` and `stderr`; set them as the process's outputs before running it.
    public init(stdout: Pipe, stderr: Pipe) {
        // One thread per pipe, blocking in read(2) until end of file: Foundation's
        // readabilityHandler on Linux now and then stopped delivering before the end, which cut
        // a 43 KB report off at 32 KB.
        drain(stdout.fileHandleForReading.fileDescriptor, error: false)
        drain(stderr.fileHandleForReading.fileDescriptor, error: true)
    }

    /// What the process wrote to stdout so far.
    public var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    /// What it wrote to stderr so far.
    public var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Waits until both pipes reached their end (the process and anything it started exited),
    /// at most `timeout`: after the process exits, the readers may still be taking its last
    /// writes, and a large report arrives in many pieces.
    public func waitForEnd(timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while lock.withLock({ openPipes > 0 }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    private func drain(_ descriptor: Int32, error: Bool) {
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 64 * 1_024)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                lock.withLock {
                    if error { err.append(contentsOf: buffer[..<count]) } else { out.append(contentsOf: buffer[..<count]) }
                }
            }
            lock.withLock { openPipes -= 1 }
        }.start()
    }
}
