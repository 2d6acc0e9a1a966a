/// The largest values a run accepts (README, "Limits"), checked when flags and scenario files
/// are read, before anything is allocated or sent. Each is far above what one machine's
/// generator can use, and low enough that nothing sized from it runs out of memory or walks
/// for ever: a million connections asked for 80 GiB of read buffers, and a rate of 1e12 had
/// the arrival loop walk thousands of millions of arrivals without looking at Ctrl-C.
public enum LoadLimits {
    /// Connections per run: below the ~28,000 ephemeral ports a client has towards one address.
    public static let connections = 20_000
    /// HTTP/2 streams per connection: nginx's default cap is 128, h2load's examples use 100.
    public static let streams = 1_000
    /// Requests in flight at once, connections × streams: each is a libcurl handle of some
    /// 20 KiB, and no more than the connection limit of HTTP/1.1.
    public static let requestsInFlight = 20_000
    /// Transport threads (and the demo target's event loop threads).
    public static let threads = 256
    /// Requests (or iterations) per second: ten times what the native transport sends on a core.
    public static let rate: Double = 1_000_000
    /// Length of a run, a ramp, a hold, a stage or a monitor's watch: a day.
    public static let duration = Duration.seconds(86_400)
    /// Time allowed for one request, and any injected delay: an hour.
    public static let timeout = Duration.seconds(3_600)
    /// Requests waiting or in flight before new arrivals are dropped.
    public static let maxInFlight = 10_000_000
    /// Runs of one command (`--repeat`).
    public static let repetitions = 1_000
    /// Iterations of a scenario.
    public static let iterations = 1_000_000_000
    /// Virtual users of a scenario (each is a task with requests in flight).
    public static let virtualUsers = 10_000
}
