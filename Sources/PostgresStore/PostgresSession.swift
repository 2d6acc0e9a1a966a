import Baselines
import Foundation
import PostgresNIO

/// One connection to the store's server, used by one transaction at a time. A perfkit process
/// does a handful of store operations, so a pool would only add connections to the server's
/// limit; concurrent writers are separate processes, each with its own session.
final class PostgresSession: Sendable {
    /// The store, for messages.
    let location: PostgresLocation
    private let connection: PostgresConnection
    private let turns = ConnectionTurns()
    private let logger: Logger

    private init(location: PostgresLocation, connection: PostgresConnection, logger: Logger) {
        self.location = location
        self.connection = connection
        self.logger = logger
    }

    deinit {
        // Nothing waits for the goodbye: the server ends the session when the socket closes. The
        // callback keeps the connection alive until it is closed, as PostgresNIO requires.
        let connection = connection
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Connects to `location`; `readOnly` makes every transaction of the session read-only
    /// (`default_transaction_read_only`), so a reading command cannot change the store.
    ///
    /// - Throws: `cannotConnect` when the server cannot be reached or refuses the connection.
    static func connect(to location: PostgresLocation, readOnly: Bool) async throws(StoreError) -> PostgresSession {
        var logger = Logger(label: "perfkit.postgres-store")
        // PostgresNIO logs its own errors; perfkit reports them once, as StoreError.
        logger.logLevel = .critical
        do {
            var configuration = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: try location.tls.connectionTLS(rootCertificates: location.rootCertificates))
            configuration.options.connectTimeout = .seconds(Int64(location.connectTimeoutSeconds))
            configuration.options.additionalStartupParameters = [("application_name", "perfkit")]
                + (readOnly ? [("default_transaction_read_only", "on")] : [])
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return PostgresSession(location: location, connection: connection, logger: logger)
        } catch {
            throw StoreError(postgres: error, at: location, connecting: true)
        }
    }

    /// Runs `body` in one transaction (read-only and on one snapshot with `readOnly`),
    /// committed when it returns and rolled back when it throws. Failures become `StoreError`.
    func transaction<T: Sendable>(readOnly: Bool = false,
                                  _ body: (PostgresSession) async throws -> T) async throws(StoreError) -> T {
        await turns.take()
        let outcome: Result<T, StoreError>
        do {
            outcome = .success(try await inTransaction(readOnly: readOnly, body))
        } catch {
            outcome = .failure(StoreError(postgres: error, at: location, connecting: false))
        }
        await turns.release()
        return try outcome.get()
    }

    private func inTransaction<T>(readOnly: Bool, _ body: (PostgresSession) async throws -> T) async throws -> T {
        // Repeatable read: a read made of several queries sees runs whole, never a run whose
        // histograms were committed after its row was read.
        try await execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
        do {
            let value = try await body(self)
            try await execute("COMMIT")
            return value
        } catch {
            _ = try? await execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `sql` with `values` bound to `$1`, `$2`, …; returns every row and the command's
    /// metadata. Inside `transaction` only.
    @discardableResult
    func execute(_ sql: String, _ values: [StoredValue] = []) async throws -> PostgresQueryResult {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { value.bind(into: &bindings) }
        return try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).get()
    }

    /// The rows of `sql` as `StoredRow`s.
    func rows(_ sql: String, _ values: [StoredValue] = []) async throws -> [PostgresStoredRow] {
        try await execute(sql, values).rows.map(PostgresStoredRow.init)
    }
}

extension StoredValue {
    /// Appends the value, typed even when NULL, to `bindings`.
    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .integer(let value): bindings.append(value)
        case .real(let value): bindings.append(value)
        case .text(let value): bindings.append(value)
        case .blob(let value): bindings.append(ByteBuffer(bytes: value))
        }
    }
}

/// A row PostgreSQL returned, read by position like any store row.
struct PostgresStoredRow: StoredRow {
    private let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        cells = row.makeRandomAccess()
    }

    func integer(at index: Int) throws -> Int64? { try cells[index].decode(Int64?.self) }
    func real(at index: Int) throws -> Double? { try cells[index].decode(Double?.self) }
    func text(at index: Int) throws -> String? { try cells[index].decode(String?.self) }
    func blob(at index: Int) throws -> Data? {
        try cells[index].decode(ByteBuffer?.self).map { Data($0.readableBytesView) }
    }
}
