import Baselines
import Foundation
import LoadEngine
import Units

extension RunSummary {
    /// The summary of a complete run group's whole test, checked against `checks`: what the
    /// load command would have printed had one machine sent the test. Connections, threads and
    /// in-flight limits add up over the segments' stored configurations; the schedule and the
    /// request are the lowest segment's. Bytes received are not stored, so they read 0.
    public init(group: MergedGroup, checks: [TargetCheck]) {
        let run = group.run
        let configurations = group.segments.map { RunConfiguration(json: $0.configJSON) }
        let lowest = configurations.first ?? nil
        let measured = StoredMeasurement(run)
        perfkitVersion = run.perfkitVersion
        command = lowest?.command ?? run.scenario
        target = run.targetURL
        method = lowest?.method ?? String(run.step.prefix { $0 != " " })
        status = run.status == .interrupted ? .interrupted : .completed
        passed = run.status == .completed && checks.allSatisfy(\.passed)
        model = lowest?.model?.type ?? (run.intendedRate == nil ? "closed" : "open")
        schedule = lowest?.model?.segments.map { segments in
            LoadDescription.describe(ArrivalSchedule(segments: segments.map {
                .init(duration: .seconds($0.durationSeconds), startRate: $0.startRate, endRate: $0.endRate)
            }))
        }
        let limits = configurations.compactMap { $0?.model?.maxInFlight }
        maxInFlight = limits.isEmpty ? nil : limits.reduce(0, +)
        startedAt = Timestamp.string(from: run.startedAt, precision: .seconds)
        durationSeconds = (run.endedAt.timeIntervalSince(run.startedAt) * 1_000).rounded() / 1_000
        plannedDurationSeconds = lowest?.model?.durationSeconds
            ?? lowest?.model?.segments?.reduce(0) { $0 + $1.durationSeconds } ?? durationSeconds
        connections = configurations.reduce(0) { $0 + ($1?.connections ?? 0) }
        threads = configurations.reduce(0) { $0 + ($1?.threads ?? 0) }
        intendedRate = run.intendedRate
        achievedRate = (run.achievedRate * 100).rounded() / 100
        requests = Requests(counts: run.counts, intended: nil)
        statusCodes = Dictionary(uniqueKeysWithValues: run.statusCodes.map { (String($0.key), $0.value) })
        errors = ErrorKind.countsByName(Dictionary(uniqueKeysWithValues: run.errors.compactMap { name, count in
            ErrorKind(rawValue: name).map { ($0, count) }
        }))
        latencyMs = Timing(measured.latencyReadout)
        serviceTimeMs = Timing(measured.readout(LatencyMetric.serviceTime.rawValue))
        phasesMs = Dictionary(uniqueKeysWithValues: LatencyMetric.phases.map {
            ($0.rawValue, Timing(measured.readout($0.rawValue)))
        })
        bytesReceived = 0
        targets = checks.map(TargetSummary.init)
        series = run.series.map {
            SeriesPoint(second: $0.second, requests: $0.requests, errors: $0.errors, p50Ms: Double($0.p50) / 1_000,
                        p95Ms: Double($0.p95) / 1_000, p99Ms: Double($0.p99) / 1_000, intendedRate: $0.intendedRate)
        }
    }
}

extension RunSummary.Requests {
    /// Stored counts; `intended` is nil when the stored run does not say.
    init(counts: RunCounts, intended: Int?) {
        self.counts = counts
        self.intended = intended
        errorRate = counts.errorRate
    }
}
