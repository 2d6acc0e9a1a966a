import Baselines
import Foundation
import PostgresNIO

extension StoreError {
    /// `error`, thrown while connecting to (`connecting`) or working on the store at `location`,
    /// as the error a user can act on. The password never reaches the message: PostgresNIO's
    /// errors do not carry it, and it is replaced wherever it might appear all the same.
    init(postgres error: any Error, at location: PostgresLocation, connecting: Bool) {
        let path = location.description
        func detail(_ text: String) -> String {
            guard let password = location.password, !password.isEmpty else { return text }
            return text.replacingOccurrences(of: password, with: Redaction.placeholder)
        }
        switch error {
        case let error as StoreError:
            self = error
        case let error as DamagedRow:
            self = .corrupt(path: path, detail: detail(error.detail))
        case let error as PostgresDecodingError:
            self = .corrupt(path: path, detail: "column \(error.columnName) (\(error.postgresType)) cannot be read back")
        case let error as PSQLError where error.code == .server:
            let message = detail(Self.serverMessage(error))
            self = connecting ? .cannotConnect(path: path, detail: message) : .server(path: path, detail: message)
        case let error as PSQLError:
            let cause = error.underlying.map { detail(Self.describe($0)) } ?? "\(error.code)"
            self = connecting || error.code != .tooManyParameters
                ? .cannotConnect(path: path, detail: cause) : .server(path: path, detail: cause)
        default:
            self = connecting ? .cannotConnect(path: path, detail: detail(Self.describe(error)))
                : .server(path: path, detail: detail(Self.describe(error)))
        }
    }

    /// The server's own words, e.g. `password authentication failed for user "ci" (28P01)`.
    private static func serverMessage(_ error: PSQLError) -> String {
        let message = error.serverInfo?[.message] ?? "error"
        return error.serverInfo?[.sqlState].map { "\(message) (SQLSTATE \($0))" } ?? message
    }

    /// A network error in a few words: NIO's descriptions list every address tried.
    private static func describe(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            let causes = Set(error.connectionErrors.map { "\($0.error)" })
            return causes.isEmpty ? "the host name did not resolve" : causes.sorted().joined(separator: "; ")
        case let error as IOError:
            return String(cString: strerror(error.errnoCode))
        case ChannelError.connectTimeout(let timeout):
            return "no answer within \(timeout.nanoseconds / 1_000_000_000) s"
        default:
            return "\(error)"
        }
    }
}
