import ArgumentParser
import LoadEngine
import Recording

/// Limits of the open model, shared by the rate-driven commands.
struct OpenModelOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Requests waiting for a connection or in flight before new arrivals are dropped.")
    var maxInFlight: Int = 10_000

    func validate() throws {
        try requireCount(maxInFlight, flag: "--max-in-flight", in: 1...LoadLimits.maxInFlight)
    }
}

extension PerfkitExitCode {
    /// Ends the command with this code unless it is `.passed`.
    func exitIfFailed() throws {
        if self != .passed { throw ExitCode(rawValue) }
    }
}
