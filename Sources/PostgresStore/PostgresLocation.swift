import Foundation

/// Where a PostgreSQL store is and how to reach it, from a libpq-style URL:
/// `postgres://[user[:password]@]host[:port][/database][?sslmode=…&sslrootcert=…&connect_timeout=…]`
/// (also `postgresql://`, and `password=` as a parameter, as libpq reads them). The password comes from the URL or `PGPASSWORD`; it is kept for
/// connecting only and never appears in `description` or in any error.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// Server host name or IP address (brackets removed from IPv6).
    public let host: String
    /// Server port (default 5432).
    public let port: Int
    /// User name (default `PGUSER`, else the system user, as libpq does).
    public let user: String
    /// Password, from the URL or `PGPASSWORD`; nil when neither gives one.
    let password: String?
    /// Database (default: the user name, as libpq does).
    public let database: String
    /// How the connection uses TLS (`sslmode`, default `prefer`).
    public let tls: PostgresTLSMode
    /// CA certificates (PEM file) that verify the server (`sslrootcert`); nil for the system's.
    public let rootCertificates: String?
    /// Seconds a connection attempt may take (`connect_timeout`, default 10).
    public let connectTimeoutSeconds: Int

    /// Whether `text` names a PostgreSQL store rather than an SQLite file.
    public static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Parses `url`; `environment` supplies `PGPASSWORD` and `PGUSER` when the URL has none.
    ///
    /// - Throws: `PostgresURLProblem`, which never quotes the password.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresURLProblem) {
        guard Self.isURL(url), let components = URLComponents(string: url) else { throw .malformed }
        guard let host = components.host.map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }),
              !host.isEmpty else { throw .missingHost }
        self.host = host
        port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw .badPort }
        let systemUser = ProcessInfo.processInfo.userName
        user = components.user.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? systemUser
        let query = components.queryItems ?? []
        password = query.last { $0.name == "password" }?.value ?? components.password.flatMap { $0.removingPercentEncoding }
            ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.contains("/") else { throw .badDatabase }
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        var tls = PostgresTLSMode.prefer
        var rootCertificates: String?
        var connectTimeout = 10
        for item in query {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = PostgresTLSMode(rawValue: value) else { throw .badSSLMode(value) }
                tls = mode
            case "sslrootcert":
                rootCertificates = value
            case "connect_timeout":
                guard let seconds = Int(value), (1...300).contains(seconds) else { throw .badConnectTimeout(value) }
                connectTimeout = seconds
            case "application_name", "password":
                continue
            default:
                throw .unknownParameter(item.name)
            }
        }
        self.tls = tls
        self.rootCertificates = rootCertificates
        connectTimeoutSeconds = connectTimeout
    }

    /// `postgres://host:port/database (user NAME)`: what messages name, never with a password.
    /// The user stands outside the URL: perfkit redacts a URL's user info wherever it prints
    /// one, since `https://TOKEN@host` is how tokens are passed.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(shownHost):\(port)/\(database) (user \(user))"
    }

    /// Whether `other` is the same database on the same server, whatever the credentials.
    public func isSameDatabase(as other: PostgresLocation) -> Bool {
        host.lowercased() == other.host.lowercased() && port == other.port && database == other.database
    }
}

/// libpq's `sslmode` values that PostgresNIO can honour.
public enum PostgresTLSMode: String, Sendable, CaseIterable {
    /// Plain text only.
    case disable
    /// TLS when the server offers it, plain text otherwise; the certificate is not checked.
    case prefer
    /// TLS or nothing; the certificate is not checked (libpq's `require`).
    case require
    /// TLS, with a certificate signed by a trusted CA, whatever host name it names.
    case verifyCA = "verify-ca"
    /// TLS, with a trusted certificate for the host connected to.
    case verifyFull = "verify-full"
}

/// Why a PostgreSQL store URL cannot be used. Messages never quote the URL: it may hold a
/// password.
public enum PostgresURLProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a `postgres://` or `postgresql://` URL that can be parsed.
    case malformed
    /// The URL names no host.
    case missingHost
    /// The port is out of range.
    case badPort
    /// The path is more than a database name.
    case badDatabase
    /// `sslmode` has a value perfkit does not know (the value).
    case badSSLMode(String)
    /// `connect_timeout` is not 1 to 300 seconds (the value).
    case badConnectTimeout(String)
    /// A parameter perfkit does not know (its name).
    case unknownParameter(String)

    /// What is wrong, with an example of what works.
    public var description: String {
        let example = "e.g. postgres://perfkit@db.example:5432/baselines?sslmode=require"
        return switch self {
        case .malformed: "not a PostgreSQL URL (\(example))"
        case .missingHost: "the PostgreSQL URL names no host (\(example))"
        case .badPort: "the PostgreSQL URL's port is not a port number from 1 to 65535"
        case .badDatabase: "the PostgreSQL URL's path must be a database name alone (\(example))"
        case .badSSLMode(let value):
            "sslmode '\(value)' is not one of \(PostgresTLSMode.allCases.map(\.rawValue).joined(separator: ", "))"
        case .badConnectTimeout(let value): "connect_timeout '\(value)' is not a number of seconds from 1 to 300"
        case .unknownParameter(let name):
            "unknown PostgreSQL URL parameter '\(name)' (known: sslmode, sslrootcert, connect_timeout, application_name, password)"
        }
    }
}
