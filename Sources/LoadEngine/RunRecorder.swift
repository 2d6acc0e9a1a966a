/// One transport thread's tallies. Confined to its thread (no locks on the hot path) and
/// merged into a `RunResult` when the run ends.
struct RunRecorder {
    var histograms = LatencyHistograms()
    /// Responses by HTTP status code (index = status, 0..<1000: any three-digit status as the
    /// server sent it).
    var statusCounts = [Int](repeating: 0, count: 1_000)
    var errorCounts = [Int](repeating: 0, count: ErrorKind.allCases.count)
    var sent = 0
    var responses = 0
    var dropped = 0
    var unfinished = 0
    var bytesReceived: Int64 = 0
    var lastSendNanoseconds: Int64 = 0
    var lastCompletionNanoseconds: Int64 = 0

    mutating func countError(_ kind: ErrorKind) {
        errorCounts[ErrorKind.allCases.firstIndex(of: kind)!] += 1
    }

    @inline(__always)
    mutating func countStatus(_ status: Int) {
        statusCounts[min(max(status, 0), statusCounts.count - 1)] &+= 1
    }
}

extension RunRecorder {
    /// Counts one exchange: sent, and unless `abandoned` its times, failure and `details`.
    mutating func record(intended: Int64, started: Int64, ended: Int64, abandoned: Bool, timed: Bool, keepsWait: Bool,
                         failure: ErrorKind?, details: (inout RunRecorder) -> Void) {
        sent += 1
        lastSendNanoseconds = max(lastSendNanoseconds, started)
        if abandoned {
            unfinished += 1
            return
        }
        lastCompletionNanoseconds = max(lastCompletionNanoseconds, ended)
        if timed {
            responses += 1
            histograms.record(.latency, nanoseconds: ended - intended)
            histograms.record(.serviceTime, nanoseconds: ended - started)
            if keepsWait { histograms.record(.wait, nanoseconds: started - intended) }
        }
        details(&self)
        if let failure { countError(failure) }
    }
}
