import Baselines
import LoadEngine

/// perfkit's exit codes: the one table CI scripts rely on (README, "Exit codes").
public enum PerfkitExitCode: Int32, CaseIterable, Sendable {
    /// Ran; every target and the regression gate passed.
    case passed = 0
    /// Ran; a target was missed or a regression was found.
    case targetMissed = 1
    /// Bad input: flags, scenario file, thresholds.
    case badInput = 2
    /// Missing data: no runs stored for a version that a comparison needs.
    case missingData = 3
    /// Could not run: store unreadable, target unreachable before any request, internal error.
    case couldNotRun = 4
    /// Interrupted by SIGINT or SIGTERM; partial results were reported.
    case interrupted = 130
}

extension PerfkitExitCode {
    /// The more serious of two outcomes, for commands that run several things.
    public func worse(_ other: PerfkitExitCode) -> PerfkitExitCode {
        let severity: [PerfkitExitCode] = [.passed, .targetMissed, .missingData, .badInput, .couldNotRun, .interrupted]
        return severity.firstIndex(of: other)! > severity.firstIndex(of: self)! ? other : self
    }

    /// How a run that ends with this code is stored: a run that could not do its job is
    /// `failed` and left out of comparisons, an interrupted one keeps what it measured.
    public var storedStatus: RunStatus {
        switch self {
        case .interrupted: .interrupted
        case .couldNotRun: .failed
        default: .completed
        }
    }
}

/// An error that ends the command with a message on stderr and a specific exit code.
public struct CommandFailure: Error, CustomStringConvertible {
    /// The exit code to leave with.
    public let code: PerfkitExitCode
    /// What went wrong and where, in a sentence a user can act on.
    public let message: String
    /// The engine's error behind the failure, if any: the command line names its settings'
    /// flags (`message` names the settings plainly).
    public let engineError: LoadEngineError?

    public init(code: PerfkitExitCode, message: String) {
        self.code = code
        self.message = message
        engineError = nil
    }

    /// A run the engine refused or could not start.
    public init(code: PerfkitExitCode, engineError: LoadEngineError) {
        self.code = code
        message = engineError.description
        self.engineError = engineError
    }

    public var description: String { message }
}
