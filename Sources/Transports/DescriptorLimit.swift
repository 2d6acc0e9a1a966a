import Glibc

/// Room for a run's sockets under the process's open-file limit (`RLIMIT_NOFILE`, `ulimit -n`).
/// Past it every connect fails with EMFILE, which is the generator's own limit and not the
/// target refusing: checked before the run starts, raising the soft limit when the hard one
/// allows.
public enum DescriptorLimit {
    /// Descriptors a run needs besides its connections: standard streams, the store, the
    /// metrics listener, each thread's epoll and eventfd or libcurl's own.
    private static let reserve = 64
    private static let perThread = 4
    /// RLIM_INFINITY (all bits set on Linux), which Swift does not import.
    private static let unlimited = rlim_t.max

    /// Makes sure `connections` sockets on `threads` threads fit under the limit; throws a
    /// `descriptorLimit` saying what to change when the hard limit is too low.
    public static func ensureRoom(connections: Int, threads: Int) throws(TransportError) {
        let needed = rlim_t(connections + threads * perThread + reserve)
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < needed else { return }
        if limit.rlim_max == Self.unlimited || limit.rlim_max >= needed {
            var raised = limit
            raised.rlim_cur = needed
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return }
        }
        throw .descriptorLimit(DescriptorShortfall(
            connections: connections, needed: UInt64(needed), softLimit: UInt64(limit.rlim_cur),
            hardLimit: limit.rlim_max == Self.unlimited ? nil : UInt64(limit.rlim_max)))
    }
}
