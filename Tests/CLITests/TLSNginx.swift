import Foundation
import Glibc
import TestSupport

/// Debian's nginx serving HTTPS (HTTP/1.1 and HTTP/2 by ALPN) on a free 127.0.0.1 port with a
/// certificate for `localhost` and `127.0.0.1` signed by a certificate authority made for the
/// test (and trusted nowhere else), for the transports' TLS and HTTP/2 tests. Installed with
/// `scripts/install-deps nginx-light` (and its echo module, for a slow location) when missing; its config, certificates and logs live in a
/// temporary folder; killed by PID when the test is done, however it ends.
struct TLSNginx {
    /// What the listener speaks.
    enum Listener {
        /// TLS with HTTP/1.1 and HTTP/2 by ALPN.
        case tls
        /// TLS with HTTP/1.1 only: nginx selects http/1.1 when offered, whatever else is.
        case tlsWithoutHTTP2
        /// HTTP/2 in the clear, by prior knowledge (h2c), no TLS.
        case cleartextHTTP2
    }

    /// The port nginx listens on, on 127.0.0.1.
    let port: Int
    let listener: Listener
    /// Holds the certificates, config and logs; removed when the server is done with.
    let folder: TemporaryFolder

    /// `https://127.0.0.1:PORT` (`http://` for a cleartext listener).
    var baseURL: String { "\(listener == .cleartextHTTP2 ? "http" : "https")://127.0.0.1:\(port)" }
    /// `https://localhost:PORT`: a name, which a client sends as SNI.
    var localhostURL: String { "https://localhost:\(port)" }
    /// The PEM certificate of the authority that signed the server's certificate.
    var certificateAuthority: String { folder.path("ca.pem") }

    /// The length of the body of `GET /large`: many TLS records.
    static let largeBodyBytes = 200_000

    /// One request as nginx logged it.
    struct LoggedRequest: Equatable {
        /// nginx's serial number of the connection it came over.
        var connection: Int
        /// `HTTP/1.1` or `HTTP/2.0`: what the request really came over.
        var serverProtocol: String
        /// Whether the connection resumed an earlier TLS session (`$ssl_session_reused`).
        var sessionReused: Bool
        /// The SNI name the client sent (`$ssl_server_name`): "-" or empty for none.
        var serverName: String
        /// When nginx read its first byte and when it logged the response, milliseconds since
        /// the epoch of nginx's cached clock, so one stream's start is never before the end of
        /// the stream it followed on a connection.
        var milliseconds: Range<Int64>
    }
    /// Why nginx could not be made ready.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `body` with nginx answering `GET /` with 200 and `ok`, `GET /large` with
    /// `largeBodyBytes` and `GET /slow` after 200 ms, ready to accept connections on
    /// `listener`; every connection carries `requestsPerConnection` requests at most (nginx then
    /// closes it, on HTTP/2 with a GOAWAY). The server's certificate is for `certifiedNames`
    /// (a subjectAltName value).
    static func with<T>(listener: Listener = .tls, requestsPerConnection: Int = 1_000_000,
                        certifiedNames: String = "DNS:localhost,IP:127.0.0.1",
                        _ body: (TLSNginx) async throws -> T) async throws -> T {
        let nginx = try DebianPackage.executable(["/usr/sbin/nginx"], from: "nginx-light")
        let echoModule = try DebianPackage.file(["/usr/lib/nginx/modules/ngx_http_echo_module.so"], from: "libnginx-mod-http-echo")
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
        try config(port: port, listener: listener, folder: folder, echoModule: echoModule,
                   requestsPerConnection: requestsPerConnection)
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
        return try await body(TLSNginx(port: port, listener: listener, folder: folder))
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
            guard fields.count == 6, let connection = Int(fields[0]), let end = Self.milliseconds(fields[2]),
                  let length = Self.milliseconds(fields[3]) else {
                throw Unavailable(description: "unexpected access log line '\(line)'")
            }
            return LoggedRequest(connection: connection, serverProtocol: fields[1], sessionReused: fields[4] == "r",
                                 serverName: fields[5], milliseconds: (end - length)..<end)
        }
    }

    /// nginx's `seconds.milliseconds` as whole milliseconds.
    private static func milliseconds(_ text: String) -> Int64? {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let seconds = Int64(parts[0]), let thousandths = Int64(parts[1]) else { return nil }
        return seconds * 1_000 + thousandths
    }

    /// One worker, logging each request's connection, the protocol it really came over, its end
    /// and length, whether its TLS session was resumed and the SNI name, without buffering so the
    /// log is complete once the response is sent. Unless asked to close after each request,
    /// connections are never closed for their number of requests (nginx's default closes them
    /// after 1,000), so each one the client opened shows once.
    private static func config(port: Int, listener: Listener, folder: TemporaryFolder, echoModule: String,
                               requestsPerConnection: Int) -> String {
        let listen = switch listener {
        case .tls: "ssl http2"
        case .tlsWithoutHTTP2: "ssl"
        case .cleartextHTTP2: "http2"
        }
        return """
        load_module \(echoModule);
        worker_processes 1;
        daemon off;
        master_process on;
        user root;
        pid \(folder.path("nginx.pid"));
        error_log \(folder.path("error.log")) warn;
        events { worker_connections 256; }
        http {
            log_format exchange '$connection $server_protocol $msec $request_time $ssl_session_reused $ssl_server_name';
            access_log \(folder.path("access.log")) exchange;
            keepalive_requests \(requestsPerConnection);
            client_body_temp_path \(folder.path("body"));
            proxy_temp_path \(folder.path("proxy"));
            fastcgi_temp_path \(folder.path("fastcgi"));
            uwsgi_temp_path \(folder.path("uwsgi"));
            scgi_temp_path \(folder.path("scgi"));
            server {
                listen 127.0.0.1:\(port) \(listen);
                ssl_protocols TLSv1.2 TLSv1.3;
                ssl_certificate \(folder.path("cert.pem"));
                ssl_certificate_key \(folder.path("key.pem"));
                location = / { return 200 "ok\\n"; }
                location = /slow { echo_sleep 0.2; echo "slept"; }
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
