import Foundation
import Glibc
import TestSupport

/// Debian's nginx serving HTTPS (HTTP/1.1 and HTTP/2 by ALPN) on a free 127.0.0.1 port with a
/// certificate for `localhost` and `127.0.0.1` signed by a certificate authority made for the
/// test (and trusted nowhere else), for the transports' TLS tests. Installed with
/// `scripts/install-deps nginx-light` when missing; its config, certificates and logs live in a
/// temporary folder; killed by PID when the test is done, however it ends.
struct TLSNginx {
    /// The port nginx listens on, on 127.0.0.1.
    let port: Int
    /// Holds the certificates, config and logs; removed when the server is done with.
    let folder: TemporaryFolder

    /// `https://127.0.0.1:PORT`.
    var baseURL: String { "https://127.0.0.1:\(port)" }
    /// `https://localhost:PORT`: a name, which a client sends as SNI.
    var localhostURL: String { "https://localhost:\(port)" }
    /// The PEM certificate of the authority that signed the server's certificate.
    var certificateAuthority: String { folder.path("ca.pem") }

    /// The length of the body of `GET /large`: many TLS records.
    static let largeBodyBytes = 200_000

    /// One request as nginx logged it.
    struct LoggedRequest: Equatable {
        /// `HTTP/1.1` or `HTTP/2.0`: what the request really came over.
        var serverProtocol: String
        /// Whether the connection resumed an earlier TLS session (`$ssl_session_reused`).
        var sessionReused: Bool
        /// The SNI name the client sent (`$ssl_server_name`): "-" or empty for none.
        var serverName: String
    }
    /// Why nginx could not be made ready.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `body` with nginx answering `GET /` with 200 and `ok` and `GET /large` with
    /// `largeBodyBytes`, ready to accept connections;
    /// with `closingAfterEachRequest`, every connection carries one request only. The server's
    /// certificate is for `certifiedNames` (a subjectAltName value).
    static func with<T>(closingAfterEachRequest: Bool = false, certifiedNames: String = "DNS:localhost,IP:127.0.0.1",
                        _ body: (TLSNginx) async throws -> T) async throws -> T {
        let nginx = try DebianPackage.executable(["/usr/sbin/nginx"], from: "nginx-light")
        let folder = try TemporaryFolder()
        try makeCertificateAuthority(in: folder, named: "ca")
        try run("/usr/bin/openssl", ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                     "-subj", "/CN=localhost", "-keyout", folder.path("key.pem"), "-out", folder.path("cert.csr")])
        try "subjectAltName=\(certifiedNames)\n".write(toFile: folder.path("cert.ext"), atomically: true, encoding: .utf8)
        try run("/usr/bin/openssl", ["x509", "-req", "-in", folder.path("cert.csr"), "-CA", folder.path("ca.pem"),
                                     "-CAkey", folder.path("ca.key"), "-set_serial", "2", "-days", "1",
                                     "-extfile", folder.path("cert.ext"), "-out", folder.path("cert.pem")])
        try Data(repeating: UInt8(ascii: "x"), count: largeBodyBytes).write(to: URL(fileURLWithPath: folder.path("large.bin")))
        let port = unusedLoopbackPort()
        try config(port: port, folder: folder, requestsPerConnection: closingAfterEachRequest ? 1 : 1_000)
            .write(toFile: folder.path("nginx.conf"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        // -e: the error log before the config is read (the default under /var/log may not be writable).
        process.arguments = ["-c", folder.path("nginx.conf"), "-p", folder.url.path, "-e", folder.path("error.log")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { process.stopByPID() }
        try await waitForListener(port: port, process: process, errorLog: folder.path("error.log"))
        return try await body(TLSNginx(port: port, folder: folder))
    }

    /// A self-signed certificate authority: `NAME.pem` and its key `NAME.key` in `folder`.
    static func makeCertificateAuthority(in folder: TemporaryFolder, named name: String) throws {
        try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                     "-days", "1", "-subj", "/CN=perfkit test \(name)",
                                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign",
                                     "-keyout", folder.path("\(name).key"), "-out", folder.path("\(name).pem")])
    }

    /// The protocol of every request nginx logged so far (`HTTP/1.1`, `HTTP/2.0`), in order.
    func loggedProtocols() throws -> [String] {
        try loggedRequests().map(\.serverProtocol)
    }

    /// Every request nginx logged so far, in order.
    func loggedRequests() throws -> [LoggedRequest] {
        try String(contentsOfFile: folder.path("access.log"), encoding: .utf8).split(separator: "\n").map { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { throw Unavailable(description: "unexpected access log line '\(line)'") }
            return LoggedRequest(serverProtocol: fields[0], sessionReused: fields[1] == "r", serverName: fields[2])
        }
    }

    /// One worker, logging the protocol the request really came over, whether its TLS session
    /// was resumed and the SNI name, without buffering so the log is complete once the response
    /// is sent.
    private static func config(port: Int, folder: TemporaryFolder, requestsPerConnection: Int) -> String {
        """
        worker_processes 1;
        daemon off;
        master_process on;
        user root;
        pid \(folder.path("nginx.pid"));
        error_log \(folder.path("error.log")) warn;
        events { worker_connections 256; }
        http {
            log_format tls '$server_protocol $ssl_session_reused $ssl_server_name';
            access_log \(folder.path("access.log")) tls;
            keepalive_requests \(requestsPerConnection);
            client_body_temp_path \(folder.path("body"));
            proxy_temp_path \(folder.path("proxy"));
            fastcgi_temp_path \(folder.path("fastcgi"));
            uwsgi_temp_path \(folder.path("uwsgi"));
            scgi_temp_path \(folder.path("scgi"));
            server {
                listen 127.0.0.1:\(port) ssl http2;
                ssl_protocols TLSv1.2 TLSv1.3;
                ssl_certificate \(folder.path("cert.pem"));
                ssl_certificate_key \(folder.path("key.pem"));
                location = / { return 200 "ok\\n"; }
                location = /large { alias \(folder.path("large.bin")); default_type application/octet-stream; }
            }
        }
        """
    }

    static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Unavailable(description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
    }

    /// Polls a TCP connect every 50 ms, for at most 10 s, until nginx accepts.
    private static func waitForListener(port: Int, process: Process, errorLog: String) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, process.isRunning {
            if accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = (try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? ""
        throw Unavailable(description: "nginx did not listen on 127.0.0.1:\(port): \(log.suffix(1_000))")
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
