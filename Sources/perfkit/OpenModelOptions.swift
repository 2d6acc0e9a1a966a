import ArgumentParser

/// Limits of the open model, shared by the rate-driven commands.
struct OpenModelOptions: ParsableArguments {
    @Option(help: "Requests waiting for a connection or in flight before new arrivals are dropped.")
    var maxInFlight: Int = 10_000

    func validate() throws {
        guard maxInFlight >= 1 else { throw ValidationError("--max-in-flight must be at least 1 (got \(maxInFlight))") }
    }
}

/// Throws a usage error naming `flag` unless `value` is more than zero.
func requirePositive(_ value: Double, flag: String) throws {
    guard value > 0, value.isFinite else { throw ValidationError("\(flag) must be more than 0 (got \(value))") }
}

/// Throws a usage error naming `flag` unless `value` is more than zero.
func requirePositive(_ value: Duration, flag: String) throws {
    guard value > .zero else { throw ValidationError("\(flag) must be more than 0") }
}

extension PerfkitExitCode {
    /// Ends the command with this code unless it is `.passed`.
    func exitIfFailed() throws {
        if self != .passed { throw ExitCode(rawValue) }
    }
}
