import Foundation
import Histograms
import Units

/// Turns the rows a backend read for a selection of runs back into `RunRecord`s: first every
/// histogram and series row of the selection, then each run row. The one mapping from rows to
/// records, whichever database they came from; a row it cannot read back is `DamagedRow`.
package struct RunRowAssembly {
    /// The `runs` columns `record(_:)` reads, in order.
    package static let runSelection = (["id"] + RunRecord.runColumns).joined(separator: ", ")
    /// The `histograms` columns `addHistogram(_:)` reads, in order.
    package static let histogramSelection = "run_id, metric, encoding"
    /// The `series` columns `addSeriesPoint(_:)` reads, in order.
    package static let seriesSelection = RunRecord.seriesColumns.joined(separator: ", ")

    private var histograms: [Int64: [String: HistogramSnapshot]] = [:]
    private var series: [Int64: [SeriesPoint]] = [:]

    /// An assembly with no rows yet.
    package init() {}

    /// Adds a histogram row (`histogramSelection`).
    package mutating func addHistogram(_ row: some StoredRow) throws {
        let runID = try Self.required(row.integer(at: 0), "run_id")
        let metric = try Self.required(row.text(at: 1), "metric")
        let encoding = try Self.required(row.blob(at: 2), "encoding")
        do {
            histograms[runID, default: [:]][metric] = try HistogramSnapshot(encoded: encoding)
        } catch {
            throw DamagedRow(detail: "run \(runID), histogram '\(metric)': \(error.detail)")
        }
    }

    /// Adds a series row (`seriesSelection`); a run's rows come in order of their second.
    package mutating func addSeriesPoint(_ row: some StoredRow) throws {
        let runID = try Self.required(row.integer(at: 0), "run_id")
        do {
            series[runID, default: []].append(SeriesPoint(
                second: Int(try Self.required(row.integer(at: 1), "second")),
                requests: Int(try Self.required(row.integer(at: 2), "requests")),
                errors: Int(try Self.required(row.integer(at: 3), "errors")),
                p50: try Self.unsigned(row, 4, "p50_us"), p90: try Self.unsigned(row, 5, "p90_us"),
                p95: try Self.unsigned(row, 6, "p95_us"), p99: try Self.unsigned(row, 7, "p99_us"),
                p999: try Self.unsigned(row, 8, "p999_us"),
                mean: try row.real(at: 9) ?? .nan, intendedRate: try row.real(at: 10)))
        } catch let error as DamagedRow {
            throw DamagedRow(detail: "run \(runID), series: \(error.detail)")
        }
    }

    /// The run of a `runs` row (`runSelection`), with the histograms and series added for it.
    package func record(_ row: some StoredRow) throws -> RunRecord {
        let id = try Self.required(row.integer(at: 0), "id")
        do {
            return try record(id: id, row: row)
        } catch let error as DamagedRow {
            throw DamagedRow(detail: "run \(id): \(error.detail)")
        } catch {
            throw DamagedRow(detail: "run \(id): \(error)")
        }
    }

    private func record(id: Int64, row: some StoredRow) throws -> RunRecord {
        // Positions follow `RunRecord.runColumns`, after the id.
        func text(_ index: Int) throws -> String { try Self.required(row.text(at: index), RunRecord.runColumns[index - 1]) }
        func integer(_ index: Int) throws -> Int64 {
            try Self.required(row.integer(at: index), RunRecord.runColumns[index - 1])
        }
        return RunRecord(
            id: id, version: try text(1), scenario: try text(2), step: try text(3),
            targetURL: Redaction.redactURL(try text(4)), configJSON: Redaction.redactConfiguration(try text(5)),
            host: HostFingerprint(cpuModel: try text(6), cores: Int(try integer(7)),
                                  memoryBytes: UInt64(bitPattern: try integer(8)), kernel: try text(9)),
            perfkitVersion: try text(10), startedAt: try Self.date(try text(11), "started_at"),
            endedAt: try Self.date(try text(12), "ended_at"), status: try Self.status(try text(13)),
            counts: RunCounts(sent: Int(try integer(14)), completed: Int(try integer(15)), responses: Int(try integer(16)),
                              failures: Int(try integer(17)), dropped: Int(try integer(18)),
                              unfinished: Int(try integer(19))),
            intendedRate: try row.real(at: 20), achievedRate: try row.real(at: 21) ?? .nan,
            statusCodes: try Self.decodeJSON(try text(22), "status_codes_json"),
            errors: try Self.decodeJSON(try text(23), "errors_json"),
            histograms: histograms[id] ?? [:], series: series[id] ?? [],
            group: try Self.group(id: try row.text(at: 24), segment: try row.text(at: 25)))
    }

    package static func required<Value>(_ value: Value?, _ column: String) throws -> Value {
        guard let value else { throw DamagedRow(detail: "\(column) is NULL") }
        return value
    }

    private static func unsigned(_ row: some StoredRow, _ index: Int, _ column: String) throws -> UInt64 {
        UInt64(bitPattern: try required(row.integer(at: index), column))
    }

    package static func group(id: String?, segment: String?) throws -> RunGroupMembership? {
        guard let id, let segment else { return nil }
        do {
            return RunGroupMembership(id: id, segment: try ExecutionSegment(parsing: segment))
        } catch {
            throw DamagedRow(detail: "segment '\(segment)': \(error.description)")
        }
    }

    package static func date(_ text: String, _ column: String) throws -> Date {
        guard let date = Timestamp.date(from: text) else {
            throw DamagedRow(detail: "\(column) '\(text)' is not an ISO 8601 date")
        }
        return date
    }

    package static func status(_ text: String) throws -> RunStatus {
        guard let status = RunStatus(rawValue: text) else { throw DamagedRow(detail: "unknown status '\(text)'") }
        return status
    }

    private static func decodeJSON<Value: Decodable>(_ text: String, _ column: String) throws -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        } catch {
            throw DamagedRow(detail: "\(column) is not the JSON expected: \(text.prefix(80))")
        }
    }
}
