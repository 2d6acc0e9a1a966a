import Foundation

extension Process {
    /// Ends a server a test started, by its PID: SIGTERM (a master process ends its workers),
    /// up to 10 s to go, then SIGKILL; waits until it has exited.
    public func stopByPID() {
        guard isRunning else { return }
        kill(processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while isRunning, Date() < deadline { usleep(20_000) }
        if isRunning { kill(processIdentifier, SIGKILL) }
        waitUntilExit()
    }
}
