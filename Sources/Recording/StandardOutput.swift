import Foundation

/// Summaries and JSON on stdout, written so that a failed write is noticed: `print` drops what
/// a full disk, `/dev/full` or a closed pipe refused, and the command exited 0 with its
/// summary lost.
public enum StandardOutput {
    /// Writes `text` and a newline to stdout; throws exit 4 when it cannot be written.
    public static func print(_ text: String) throws {
        // What `print` buffered goes first, so lines keep their order.
        fflush(nil)
        let bytes = Array((text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                throw CommandFailure(code: .couldNotRun, message: "cannot write the summary to stdout: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}
