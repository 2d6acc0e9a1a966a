import LoadEngine

/// The rule that turns a run into "could not run" (exit 4) rather than a measurement.
enum UnreachableTarget {
    /// Whether no request got a response because the target could not be reached at all
    /// (refused, or its name does not resolve) or this machine could not open connections
    /// (`local`); says so on stderr when it is.
    static func reported(in measured: Measurements) -> Bool {
        let unreachable = Set<ErrorKind>([.refused, .dns, .local])
        guard measured.responses == 0, measured.failures > 0, measured.errors.keys.allSatisfy(unreachable.contains) else {
            return false
        }
        let kinds = measured.errors.keys.map(\.rawValue).sorted().joined(separator: ", ")
        let local = measured.errors[.local] == nil ? "" : "; 'local': this machine ran out of open files or ports (see ulimit -n)"
        printError("target unreachable: no request got a response (\(kinds)\(local))")
        return true
    }

    /// The exit code of a run that ended as `outcome`, measured `measured` and met its targets
    /// or not: interrupted, unreachable, passed or missed, in that order of precedence.
    static func exitCode(outcome: RunOutcome, measured: Measurements, passed: Bool) -> PerfkitExitCode {
        if outcome == .interrupted { return .interrupted }
        if reported(in: measured) { return .couldNotRun }
        return passed ? .passed : .targetMissed
    }
}
