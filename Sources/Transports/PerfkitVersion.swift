/// perfkit's own version, reported in user agents, summaries and stored runs.
public enum PerfkitVersion {
    /// The release this build is.
    public static let current = "0.1.0"
}
