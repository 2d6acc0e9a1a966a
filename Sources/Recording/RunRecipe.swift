import Baselines
import LoadEngine

/// A run in progress that can be told to stop: the engine's `LoadRun`, a `ScenarioRun`, a
/// monitor's watch.
public protocol StoppableRun: Sendable {
    associatedtype Result: Sendable
    /// Runs to the end (or until stopped), reporting each finished second.
    func execute(onInterval: @escaping @Sendable (IntervalReport) -> Void) async throws(LoadEngineError) -> Result
    /// Stops sending and waits for what is in flight.
    func stop()
    /// Stops at once, abandoning what is in flight.
    func stopImmediately()
}

extension LoadRun: StoppableRun {}

/// One kind of run that `RunDriver` drives: how to start it, judge it, sum it up and store it.
/// The driver does the rest the same way for every kind: progress, signals, `--repeat`, the
/// order of printing and storing, and the worst exit code.
public protocol RunRecipe: Sendable {
    associatedtype Execution: StoppableRun
    associatedtype Summary: Sendable

    /// The run's planned length, for progress lines (nil when it is a count of iterations).
    var plannedDuration: Duration? { get }
    /// How the run would send, for `--dry-run`; nil when it sends no requests of its own.
    var plannedTransport: PlannedTransport? { get }
    /// A fresh run; a plan the engine refuses is bad input.
    func makeRun() throws(LoadEngineError) -> Execution
    /// The summary of `result` and the exit code it earns.
    func judge(_ result: Execution.Result) -> (summary: Summary, exitCode: PerfkitExitCode)
    /// How a run that earned `exitCode` is stored.
    func storedStatus(of result: Execution.Result, exitCode: PerfkitExitCode) -> RunStatus
    /// What of `result` is stored, as runs labelled `labels` with `status`.
    func records(of result: Execution.Result, labels: RunLabels, status: RunStatus) -> [RunRecord]
}

extension RunRecipe {
    public var plannedTransport: PlannedTransport? { nil }
    public func storedStatus(of result: Execution.Result, exitCode: PerfkitExitCode) -> RunStatus { exitCode.storedStatus }
}
