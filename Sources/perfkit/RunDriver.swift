import Foundation
import LoadEngine

/// Runs one plan for a command the way every load command does: progress while it runs,
/// Ctrl-C handling, the summary in the chosen format, `--output`, and the exit code.
struct RunDriver {
    let command: String
    let settings: ReportSettings

    /// What a finished run amounts to.
    struct Outcome {
        let summary: RunSummary
        let exitCode: PerfkitExitCode
    }

    /// Runs `plan`, prints the summary, and returns it with the exit code it earns.
    func run(_ plan: LoadPlan, targets: [RunTarget]) async throws -> Outcome {
        let run: LoadRun
        do { run = try LoadRun(plan: plan) } catch { throw CommandFailure(code: .badInput, message: error.description) }
        let progress = ProgressReporter(planned: plan.model.sendingDuration, quiet: settings.quiet)
        let trap = SignalTrap(onFirst: { run.stop() }, onRepeat: { run.stopImmediately() })
        defer { trap.cancel() }
        let result: RunResult
        do {
            result = try await run.execute { progress.report($0) }
        } catch {
            throw CommandFailure(code: .couldNotRun, message: error.description)
        }
        progress.finish()
        let checks = targets.map { $0.evaluate(result) }
        let summary = RunSummary(command: command, result: result, checks: checks)
        try emit(summary, result: result)
        return Outcome(summary: summary, exitCode: exitCode(for: result, summary: summary))
    }

    private func emit(_ summary: RunSummary, result: RunResult) throws {
        let json = try summary.json()
        switch settings.format {
        case .text: print(SummaryText.render(summary, result: result))
        case .json: print(String(decoding: json, as: UTF8.self))
        }
        if let path = settings.outputPath {
            do {
                try json.write(to: URL(fileURLWithPath: path))
            } catch {
                throw CommandFailure(code: .couldNotRun, message: "--output '\(path)' cannot be written: \(error.localizedDescription)")
            }
        }
    }

    private func exitCode(for result: RunResult, summary: RunSummary) -> PerfkitExitCode {
        if result.outcome == .interrupted { return .interrupted }
        let unreachable = Set<ErrorKind>([.refused, .dns])
        if result.responses == 0, result.failures > 0, result.errors.keys.allSatisfy(unreachable.contains) {
            printError("target unreachable: no request got a response (\(result.errors.keys.map(\.rawValue).sorted().joined(separator: ", ")))")
            return .couldNotRun
        }
        return summary.passed ? .passed : .targetMissed
    }
}

/// Writes a line to stderr.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("perfkit: \(message)\n".utf8))
}
