import Foundation
import Histograms
import Units

/// How a `RunRecord` maps onto the `runs`, `histograms` and `series` columns, for every
/// backend: secrets redacted, times as nanosecond ISO 8601 text (exact, and in time order as
/// text), unsigned values by bit pattern, NaN as NULL. The backends only bind these values in
/// their own SQL.
extension RunRecord {
    /// The columns of `runs` a save writes, in the order of `runValues()` (`id` is the store's).
    package static let runColumns = [
        "version", "scenario", "step", "target_url", "config_json", "host_cpu_model", "host_cores",
        "host_memory_bytes", "host_kernel", "perfkit_version", "started_at", "ended_at", "status", "requests_sent",
        "requests_completed", "responses", "failures", "dropped", "unfinished", "intended_rate", "achieved_rate",
        "status_codes_json", "errors_json", "run_group", "segment",
    ]

    /// The columns of `histograms`, in the order of `histogramValues(runID:)`.
    package static let histogramColumns = [
        "run_id", "metric", "total_count", "min_us", "mean_us", "p50_us", "p90_us", "p95_us", "p99_us", "p999_us",
        "max_us", "encoding",
    ]

    /// The columns of `series`, in the order of `seriesValues(runID:)` and of the rows
    /// `RunRowAssembly.addSeriesPoint` reads.
    package static let seriesColumns = [
        "run_id", "second", "requests", "errors", "p50_us", "p90_us", "p95_us", "p99_us", "p999_us", "mean_us",
        "intended_rate",
    ]

    /// This run's row of `runs`, redacted.
    package func runValues() throws -> [StoredValue] {
        [
            .text(version), .text(scenario), .text(step), .text(Redaction.redactURL(targetURL)),
            .text(Redaction.redactConfiguration(configJSON)), .text(host.cpuModel), .integer(Int64(host.cores)),
            .integer(Int64(bitPattern: host.memoryBytes)), .text(host.kernel), .text(perfkitVersion),
            .text(Timestamp.string(from: startedAt, precision: .nanoseconds)),
            .text(Timestamp.string(from: endedAt, precision: .nanoseconds)), .text(status.rawValue),
            .integer(Int64(counts.sent)), .integer(Int64(counts.completed)), .integer(Int64(counts.responses)),
            .integer(Int64(counts.failures)), .integer(Int64(counts.dropped)), .integer(Int64(counts.unfinished)),
            .number(intendedRate), .number(achievedRate), .text(try Self.json(statusCodes)), .text(try Self.json(errors)),
            .text(group?.id), .text(group?.segment.description),
        ]
    }

    /// This run's rows of `histograms` under `runID`, by metric name. The summary columns are
    /// derived from each histogram, for queries; `encoding` is the source of truth.
    package func histogramValues(runID: Int64) -> [[StoredValue]] {
        histograms.sorted { $0.key < $1.key }.map { metric, snapshot in
            let readout = PercentileReadout(snapshot)
            // By bit pattern, like every unsigned value of the store.
            func stored(_ value: KeyPath<PercentileReadout, UInt64>) -> StoredValue {
                .integer(readout.map { Int64(bitPattern: $0[keyPath: value]) })
            }
            return [
                .integer(runID), .text(metric), .integer(Int64(bitPattern: snapshot.totalCount)), stored(\.min),
                .number(readout?.mean), stored(\.p50), stored(\.p90), stored(\.p95), stored(\.p99), stored(\.p999),
                stored(\.max), .blob(snapshot.encoded()),
            ]
        }
    }

    /// This run's rows of `series` under `runID`, one per second.
    package func seriesValues(runID: Int64) -> [[StoredValue]] {
        series.map { point in
            [
                .integer(runID), .integer(Int64(point.second)), .integer(Int64(point.requests)),
                .integer(Int64(point.errors)), .integer(Int64(bitPattern: point.p50)),
                .integer(Int64(bitPattern: point.p90)), .integer(Int64(bitPattern: point.p95)),
                .integer(Int64(bitPattern: point.p99)), .integer(Int64(bitPattern: point.p999)), .number(point.mean),
                .number(point.intendedRate),
            ]
        }
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
