/// `--repeat N` for every command that runs: the runs one after another, each announced,
/// until one is interrupted or a stop signal comes between two of them.
enum RepeatedRuns {
    /// Runs `runOnce` `repetitions` times; returns each run's summary and the worst exit code.
    /// A SIGINT, SIGTERM or SIGHUP at any point (during a run, or between runs, where no run
    /// is there to stop) ends the command with `.interrupted` and starts no further run.
    static func run<Summary>(_ repetitions: Int, quiet: Bool,
                             _ runOnce: () async throws -> (Summary, PerfkitExitCode)) async throws -> ([Summary], PerfkitExitCode) {
        var summaries: [Summary] = []
        var worst = PerfkitExitCode.passed
        for repetition in 1...repetitions {
            if SignalTrap.shared.hasFired { break }
            if repetitions > 1 && !quiet { printError("run \(repetition) of \(repetitions)") }
            let (summary, code) = try await runOnce()
            summaries.append(summary)
            worst = worst.worse(code)
            if code == .interrupted { break }
        }
        if SignalTrap.shared.hasFired { worst = worst.worse(.interrupted) }
        return (summaries, worst)
    }
}
