import Foundation
import Glibc

/// A private PostgreSQL server for the tests of one test process: Debian's binaries (installed
/// by `scripts/install-deps`, as `scripts/test` does), a cluster made with `initdb` in a
/// temporary folder, listening on a free loopback port with its socket in that folder, a
/// database per test. Started on first use; stopped by PID when the process exits (and by a
/// watchdog should the process die without exiting).
///
/// PostgreSQL refuses to run as root: under root (CI) the server runs as Debian's `postgres`
/// user, through `setpriv`, which execs it, so the PID started is the server's own. It offers
/// TLS with a self-signed certificate for `localhost` and `127.0.0.1` (`certificate`), made with
/// `openssl`, so that every `sslmode` meets a real handshake.
public final class PostgresServer: @unchecked Sendable {
    /// The superuser the tests connect as.
    public static let user = "perfkit"
    /// Its password: the server asks for one on TCP (scram-sha-256), so password handling is
    /// exercised, and tests check that it is never printed.
    public static let password = "pg-test-s3cret-7731"

    /// The server's port on 127.0.0.1.
    public let port: Int
    /// The PEM file of the server's self-signed certificate (its own CA), for `sslrootcert`.
    public var certificate: String { folder.appendingPathComponent("server.crt").path }
    private let folder: URL
    private let binaries: URL
    private let process: Process
    private let lock = NSLock()
    private var databases = 0

    /// Why the server cannot be had.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Whether PostgreSQL's server binaries are installed.
    public static var isInstalled: Bool { binaryFolder() != nil }

    /// The server of this test process, started on first use.
    public static func shared() throws -> PostgresServer {
        try started.get()
    }

    private static let started = Result { () throws(Unavailable) -> PostgresServer in try start() }

    /// A new, empty database on the server; returns its name.
    public func createDatabase() throws -> String {
        let name = lock.withLock {
            databases += 1
            return "perfkit_test_\(databases)"
        }
        try psql("CREATE DATABASE \(name)", database: "postgres")
        return name
    }

    /// `postgres://perfkit:PASSWORD@127.0.0.1:PORT/database`, or without the password.
    public func url(database: String, withPassword: Bool = true, parameters: String = "") -> String {
        let credentials = withPassword ? "\(Self.user):\(Self.password)" : Self.user
        return "postgres://\(credentials)@127.0.0.1:\(port)/\(database)" + (parameters.isEmpty ? "" : "?\(parameters)")
    }

    /// Runs `sql` in `database` with `psql`; returns its unaligned, tuples-only output.
    @discardableResult
    public func psql(_ sql: String, database: String) throws -> String {
        let process = Process()
        process.executableURL = binaries.appendingPathComponent("psql")
        process.arguments = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "\(port)",
                             "-U", Self.user, "-d", database, "-c", sql]
        process.environment = ["PGPASSWORD": Self.password, "PATH": "/usr/bin:/bin"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Unavailable(description: "psql failed on '\(sql)': \(String(decoding: problem, as: UTF8.self))")
        }
        return String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Starting and stopping

    private init(port: Int, folder: URL, binaries: URL, process: Process) {
        self.port = port
        self.folder = folder
        self.binaries = binaries
        self.process = process
    }

    /// The newest `/usr/lib/postgresql/N/bin` holding `initdb`.
    private static func binaryFolder() -> URL? {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return versions.compactMap(Int.init).sorted().reversed().map { root.appendingPathComponent("\($0)/bin") }
            .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path) }
    }

    private static func start() throws(Unavailable) -> PostgresServer {
        do {
            if binaryFolder() == nil {
                _ = try DebianPackage.executable(["/usr/lib/postgresql/15/bin/initdb", "/usr/lib/postgresql/17/bin/initdb"],
                                                 from: "postgresql")
            }
            guard let binaries = binaryFolder() else { throw Unavailable(description: "PostgreSQL's initdb is not installed") }
            return try launch(binaries)
        } catch let error as Unavailable {
            throw error
        } catch {
            throw Unavailable(description: "the test PostgreSQL server could not start: \(error)")
        }
    }

    private static func launch(_ binaries: URL) throws -> PostgresServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfkit-postgres-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let passwordFile = folder.appendingPathComponent("password")
        try Data((password + "\n").utf8).write(to: passwordFile)
        let runAs = try ServerUser.current()
        try makeCertificate(in: folder)
        try runAs.own(folder, files: ["password", "server.crt", "server.key"])
        let data = folder.appendingPathComponent("data").path
        try runAs.run(binaries.appendingPathComponent("initdb"),
                      ["-D", data, "-U", user, "--pwfile", passwordFile.path, "--auth-local=trust",
                       "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"], log: folder)
        let port = unusedLoopbackPort()
        // Durability off: the cluster is thrown away with the folder.
        let server = try runAs.launch(binaries.appendingPathComponent("postgres"),
                                      ["-D", data, "-p", "\(port)", "-k", folder.path, "-c", "listen_addresses=127.0.0.1",
                                       "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                                       "-c", "max_connections=200", "-c", "ssl=on",
                                       "-c", "ssl_cert_file=\(folder.path)/server.crt",
                                       "-c", "ssl_key_file=\(folder.path)/server.key"],
                                      log: folder)
        let instance = PostgresServer(port: port, folder: folder, binaries: binaries, process: server)
        serverToStop = (server, folder)
        atexit { stopServer() }
        try watchdog(server: server.processIdentifier, folder: folder)
        let deadline = Date().addingTimeInterval(30)
        while (try? instance.psql("SELECT 1", database: "postgres")) == nil {
            guard server.isRunning, Date() < deadline else {
                let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
                stopServer()
                throw Unavailable(description: "the test PostgreSQL server did not start: \(log.suffix(2_000))")
            }
            usleep(100_000)
        }
        return instance
    }

    /// A self-signed certificate for localhost and 127.0.0.1, and its key (mode 0600, as
    /// PostgreSQL requires).
    private static func makeCertificate(in folder: URL) throws {
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: try DebianPackage.executable(["/usr/bin/openssl"], from: "openssl"))
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                             "-keyout", folder.appendingPathComponent("server.key").path,
                             "-out", folder.appendingPathComponent("server.crt").path]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        openssl.standardInput = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0,
              chmod(folder.appendingPathComponent("server.key").path, 0o600) == 0 else {
            throw Unavailable(description: "openssl could not make the test server's certificate")
        }
    }

    /// Ends the server should this process die without running `atexit` (SIGKILL, a crash).
    private static func watchdog(server: Int32, folder: URL) throws {
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: "/bin/sh")
        watcher.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; "
                             + "kill -TERM \(server) 2>/dev/null; sleep 5; rm -rf '\(folder.path)'"]
        watcher.standardInput = FileHandle.nullDevice
        watcher.standardOutput = FileHandle.nullDevice
        watcher.standardError = FileHandle.nullDevice
        try watcher.run()
    }
}

/// The server process and its folder, for the `atexit` handler, which cannot capture context.
nonisolated(unsafe) private var serverToStop: (process: Process, folder: URL)?

private func stopServer() {
    guard let (process, folder) = serverToStop else { return }
    serverToStop = nil
    process.stopByPID()
    try? FileManager.default.removeItem(at: folder)
}

/// Who runs PostgreSQL's programs: this process's user, or Debian's `postgres` under root.
private struct ServerUser {
    /// `postgres`'s ids when running as root, nil otherwise.
    let ids: (user: uid_t, group: gid_t)?

    static func current() throws -> ServerUser {
        guard getuid() == 0 else { return ServerUser(ids: nil) }
        guard let entry = getpwnam("postgres") else {
            throw PostgresServer.Unavailable(description: "running as root, and there is no 'postgres' user to run PostgreSQL as")
        }
        return ServerUser(ids: (entry.pointee.pw_uid, entry.pointee.pw_gid))
    }

    /// Hands `folder` and its `files` to the server user.
    func own(_ folder: URL, files: [String]) throws {
        guard let ids else { return }
        for path in [folder.path] + files.map({ folder.appendingPathComponent($0).path })
        where chown(path, ids.user, ids.group) != 0 {
            throw PostgresServer.Unavailable(description: "cannot hand \(path) to the postgres user (errno \(errno))")
        }
    }

    /// Starts `program`, as the server user, its output going to `server.log` in `log`.
    func launch(_ program: URL, _ arguments: [String], log: URL) throws -> Process {
        let process = Process()
        if let ids {
            // setpriv execs the program: the PID is the program's, so stopping it by PID works.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(ids.user)", "--regid=\(ids.group)", "--clear-groups", program.path] + arguments
        } else {
            process.executableURL = program
            process.arguments = arguments
        }
        let logFile = log.appendingPathComponent("server.log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        process.currentDirectoryURL = log
        try process.run()
        return process
    }

    /// Runs `program` to its end; fails with its log when it fails.
    func run(_ program: URL, _ arguments: [String], log: URL) throws {
        let process = try launch(program, arguments, log: log)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = (try? String(contentsOf: log.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
            throw PostgresServer.Unavailable(description: "\(program.lastPathComponent) failed: \(text.suffix(2_000))")
        }
    }
}
