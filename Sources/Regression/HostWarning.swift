import Baselines

/// A warning naming both machines when the baseline and current runs were not measured on the
/// same set of machines: a faster CPU or another kernel moves latency as much as a code change.
func hostWarning(baseline: [RunRecord], current: [RunRecord], baselineVersion: String,
                 currentVersion: String) -> String? {
    let baselineHosts = distinctHosts(baseline)
    let currentHosts = distinctHosts(current)
    guard !baselineHosts.isEmpty, !currentHosts.isEmpty, Set(baselineHosts) != Set(currentHosts) else { return nil }
    let describe: ([HostFingerprint]) -> String = { $0.map(\.summary).joined(separator: " and ") }
    return "\(baselineVersion) and \(currentVersion) were measured on different machines "
        + "(baseline: \(describe(baselineHosts)); current: \(describe(currentHosts))); "
        + "part of any difference may come from the machines"
}

/// The machines of `runs`, in order of first appearance.
private func distinctHosts(_ runs: [RunRecord]) -> [HostFingerprint] {
    var seen = Set<HostFingerprint>()
    return runs.map(\.host).filter { seen.insert($0).inserted }
}
