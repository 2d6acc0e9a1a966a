import Foundation
import GRDB
import Histograms
import Units

/// How a `RunRecord` maps onto the `runs`, `histograms` and `series` tables (see
/// `StoreSchema`). Unsigned values are stored by bit pattern, so every `UInt64` reads back as
/// written; NaN rates and means, which SQLite turns into NULL, read back as NaN.
extension RunRecord {
    // MARK: Writing

    /// Inserts the run, its histograms and its series; returns the new run id. The caller
    /// provides the transaction.
    func insert(_ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO runs (version, scenario, step, target_url, config_json, host_cpu_model, host_cores,
                host_memory_bytes, host_kernel, perfkit_version, started_at, ended_at, status, requests_sent,
                requests_completed, responses, failures, dropped, unfinished, intended_rate, achieved_rate,
                status_codes_json, errors_json, run_group, segment)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                version, scenario, step, Redaction.redactURL(targetURL), Redaction.redactConfiguration(configJSON), host.cpuModel, host.cores,
                Int64(bitPattern: host.memoryBytes), host.kernel, perfkitVersion,
                Timestamp.string(from: startedAt, precision: .nanoseconds),
                Timestamp.string(from: endedAt, precision: .nanoseconds), status.rawValue,
                counts.sent, counts.completed, counts.responses, counts.failures, counts.dropped, counts.unfinished,
                intendedRate, achievedRate, try Self.json(statusCodes), try Self.json(errors),
                group?.id, group?.segment.description,
            ])
        let runID = db.lastInsertedRowID
        let insertHistogram = try db.cachedStatement(sql: """
            INSERT INTO histograms (run_id, metric, total_count, min_us, mean_us, p50_us, p90_us, p95_us, p99_us,
                p999_us, max_us, encoding)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (metric, snapshot) in histograms.sorted(by: { $0.key < $1.key }) {
            let readout = PercentileReadout(snapshot)
            // By bit pattern, like every unsigned value of the store.
            func stored(_ value: KeyPath<PercentileReadout, UInt64>) -> Int64? {
                readout.map { Int64(bitPattern: $0[keyPath: value]) }
            }
            try insertHistogram.execute(arguments: [
                runID, metric, Int64(bitPattern: snapshot.totalCount), stored(\.min), readout?.mean, stored(\.p50),
                stored(\.p90), stored(\.p95), stored(\.p99), stored(\.p999), stored(\.max), snapshot.encoded(),
            ])
        }
        let insertPoint = try db.cachedStatement(sql: """
            INSERT INTO series (run_id, second, requests, errors, p50_us, p90_us, p95_us, p99_us, p999_us, mean_us,
                intended_rate)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for point in series {
            try insertPoint.execute(arguments: [
                runID, point.second, point.requests, point.errors, Int64(bitPattern: point.p50),
                Int64(bitPattern: point.p90), Int64(bitPattern: point.p95), Int64(bitPattern: point.p99),
                Int64(bitPattern: point.p999), point.mean, point.intendedRate,
            ])
        }
        return runID
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: Reading

    /// The runs selected by `condition` (an SQL expression over `runs`), with their histograms
    /// and series, in start order.
    static func fetchAll(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [RunRecord] {
        let selection = "SELECT id FROM runs WHERE \(condition)"
        var histograms: [Int64: [String: HistogramSnapshot]] = [:]
        let histogramRows = try Row.fetchCursor(db, sql: """
            SELECT run_id, metric, encoding FROM histograms WHERE run_id IN (\(selection))
            """, arguments: arguments)
        while let row = try histogramRows.next() {
            let runID: Int64 = try row.decode(atIndex: 0)
            let metric: String = try row.decode(atIndex: 1)
            let encoding: Data = try row.decode(atIndex: 2)
            do {
                histograms[runID, default: [:]][metric] = try HistogramSnapshot(encoded: encoding)
            } catch {
                throw DamagedRow(detail: "run \(runID), histogram '\(metric)': \(error.detail)")
            }
        }
        var series: [Int64: [SeriesPoint]] = [:]
        // Columns by position: a run has a row per second, and looking columns up by name
        // would dominate reading thousands of runs.
        let seriesRows = try Row.fetchCursor(db, sql: """
            SELECT run_id, second, requests, errors, p50_us, p90_us, p95_us, p99_us, p999_us, mean_us, intended_rate
            FROM series WHERE run_id IN (\(selection)) ORDER BY run_id, second
            """, arguments: arguments)
        while let row = try seriesRows.next() {
            series[try row.decode(atIndex: 0), default: []].append(try SeriesPoint(row: row))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE \(condition) ORDER BY started_at, id",
                                arguments: arguments).map { row in
            let id: Int64 = try row.decode(forColumn: "id")
            do {
                return try RunRecord(row: row, histograms: histograms[id] ?? [:], series: series[id] ?? [])
            } catch let error as DamagedRow {
                throw DamagedRow(detail: "run \(id): \(error.detail)")
            } catch {
                throw DamagedRow(detail: "run \(id): \(error)")
            }
        }
    }

    private init(row: Row, histograms: [String: HistogramSnapshot], series: [SeriesPoint]) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            version: try row.decode(forColumn: "version"),
            scenario: try row.decode(forColumn: "scenario"),
            step: try row.decode(forColumn: "step"),
            targetURL: Redaction.redactURL(try row.decode(forColumn: "target_url")),
            configJSON: Redaction.redactConfiguration(try row.decode(forColumn: "config_json")),
            host: HostFingerprint(cpuModel: try row.decode(forColumn: "host_cpu_model"),
                                  cores: try row.decode(forColumn: "host_cores"),
                                  memoryBytes: UInt64(bitPattern: try row.decode(forColumn: "host_memory_bytes")),
                                  kernel: try row.decode(forColumn: "host_kernel")),
            perfkitVersion: try row.decode(forColumn: "perfkit_version"),
            startedAt: try Self.date(row, "started_at"),
            endedAt: try Self.date(row, "ended_at"),
            status: try Self.status(row),
            counts: RunCounts(sent: try row.decode(forColumn: "requests_sent"),
                              completed: try row.decode(forColumn: "requests_completed"),
                              responses: try row.decode(forColumn: "responses"),
                              failures: try row.decode(forColumn: "failures"),
                              dropped: try row.decode(forColumn: "dropped"),
                              unfinished: try row.decode(forColumn: "unfinished")),
            intendedRate: try row.decode(forColumn: "intended_rate"),
            achievedRate: try row.decode(Double?.self, forColumn: "achieved_rate") ?? .nan,
            statusCodes: try Self.decodeJSON(row, "status_codes_json"),
            errors: try Self.decodeJSON(row, "errors_json"),
            histograms: histograms,
            series: series,
            group: try Self.group(row))
    }

    static func group(_ row: Row) throws -> RunGroupMembership? {
        let id: String? = try row.decode(forColumn: "run_group")
        let segment: String? = try row.decode(forColumn: "segment")
        guard let id, let segment else { return nil }
        do {
            return RunGroupMembership(id: id, segment: try ExecutionSegment(parsing: segment))
        } catch {
            throw DamagedRow(detail: "segment '\(segment)': \(error.description)")
        }
    }

    static func date(_ row: Row, _ column: String) throws -> Date {
        let text: String = try row.decode(forColumn: column)
        guard let date = Timestamp.date(from: text) else {
            throw DamagedRow(detail: "\(column) '\(text)' is not an ISO 8601 date")
        }
        return date
    }

    static func status(_ row: Row) throws -> RunStatus {
        let text: String = try row.decode(forColumn: "status")
        guard let status = RunStatus(rawValue: text) else { throw DamagedRow(detail: "unknown status '\(text)'") }
        return status
    }

    private static func decodeJSON<Value: Decodable>(_ row: Row, _ column: String) throws -> Value {
        let text: String = try row.decode(forColumn: column)
        do {
            return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        } catch {
            throw DamagedRow(detail: "\(column) is not the JSON expected: \(text.prefix(80))")
        }
    }
}

extension SeriesPoint {
    /// Reads a point from the columns `fetchAll` selects, in that order.
    fileprivate init(row: Row) throws {
        self.init(second: try row.decode(atIndex: 1),
                  requests: try row.decode(atIndex: 2),
                  errors: try row.decode(atIndex: 3),
                  p50: UInt64(bitPattern: try row.decode(atIndex: 4)),
                  p90: UInt64(bitPattern: try row.decode(atIndex: 5)),
                  p95: UInt64(bitPattern: try row.decode(atIndex: 6)),
                  p99: UInt64(bitPattern: try row.decode(atIndex: 7)),
                  p999: UInt64(bitPattern: try row.decode(atIndex: 8)),
                  mean: try row.decode(Double?.self, atIndex: 9) ?? .nan,
                  intendedRate: try row.decode(atIndex: 10))
    }
}
