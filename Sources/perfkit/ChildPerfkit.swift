import Foundation
import Glibc
import Recording

/// perfkit running itself as a child process, for commands that drive other perfkit commands
/// (`gate` records runs with `latency`, `load`, …). The child gets its own process group, so a
/// Ctrl-C reaches it only through the parent, which forwards it once: the child then stops
/// gracefully and stores what it measured, exactly as when run by hand.
struct ChildPerfkit: Sendable {
    /// The child's process id.
    let pid: pid_t

    /// Starts `perfkit arguments`; its stdout goes to this process's stderr (this command's
    /// stdout is for its own report), its stderr stays stderr.
    static func start(_ arguments: [String]) throws -> ChildPerfkit {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_adddup2(&fileActions, STDERR_FILENO, STDOUT_FILENO)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &fileActions, &attributes, argv, environ)
        guard status == 0 else {
            throw CommandFailure(code: .couldNotRun,
                                 message: "cannot start perfkit \(arguments.first ?? ""): \(String(cString: strerror(status)))")
        }
        return ChildPerfkit(pid: pid)
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits for the child to end; its exit code, or 128 + the signal that ended it.
    func wait() async -> Int32 {
        let pid = pid
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1, errno == EINTR {}
                let exited = status & 0x7f == 0
                continuation.resume(returning: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f))
            }
        }
    }
}
