import Synchronization

/// The pass and fail counts of every check of every step, recorded by many iterations at once.
final class CheckTally: Sendable {
    private struct Counts {
        var passes = 0
        var failures = 0
        var firstFailure: String?
    }

    private let counts: Mutex<[[Counts]]>
    private let labels: [[String]]
    private let locations: [[SourceLocation]]
    private let stepNames: [String]

    init(steps: [Step], checks: [StepChecks]) {
        labels = checks.map(\.labels)
        locations = checks.map(\.locations)
        stepNames = steps.map(\.name)
        counts = Mutex(labels.map { Array(repeating: Counts(), count: $0.count) })
    }

    /// Adds the outcomes of one response to step `step`.
    func add(_ verdict: StepChecks.Verdict, step: Int) {
        guard !verdict.items.isEmpty else { return }
        counts.withLock { counts in
            for (index, outcome) in verdict.items.enumerated() {
                switch outcome {
                case .passed: counts[step][index].passes += 1
                case .failed(let message):
                    counts[step][index].failures += 1
                    if counts[step][index].firstFailure == nil { counts[step][index].firstFailure = message }
                case .skipped: break
                }
            }
        }
    }

    /// Every check's tally, step by step, in the order the file lists them.
    var results: [CheckResult] {
        counts.withLock { counts in
            counts.indices.flatMap { step in
                counts[step].indices.map { index in
                    let tally = counts[step][index]
                    return CheckResult(step: stepNames[step], label: labels[step][index],
                                       location: locations[step][index].description, passes: tally.passes,
                                       failures: tally.failures, firstFailure: tally.firstFailure)
                }
            }
        }
    }
}
