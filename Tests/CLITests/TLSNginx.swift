import Foundation
import Glibc
import TestSupport

/// Debian's nginx serving HTTPS (HTTP/1.1 and HTTP/2 by ALPN) on a free 127.0.0.1 port with a
/// self-signed certificate made for the test, for the libcurl transport's tests. Installed with
/// `scripts/install-deps nginx-light` (and its echo module, for a slow location) when missing;
/// its config, certificate and logs live in a
/// temporary folder; killed by PID when the test is done, however it ends.
struct TLSNginx {
    /// `https://127.0.0.1:PORT`.
    let baseURL: String
    /// Holds the certificate, config and logs; removed when the server is done with.
    private let folder: TemporaryFolder

    /// Why nginx could not be made ready, or its log read.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// One request as nginx logged it.
    struct LoggedRequest {
        /// nginx's serial number of the connection it came over.
        let connection: Int
        /// `HTTP/1.1` or `HTTP/2.0`: what the request really came over, not what was asked.
        let protocolName: String
        /// When nginx read its first byte and when it logged the response, milliseconds since
        /// the epoch of nginx's cached clock, so one stream's start is never before the end of
        /// the stream it followed on a connection.
        let milliseconds: Range<Int64>
    }

    /// Runs `body` with nginx answering `GET /` with 200 and `ok`, and `GET /slow` after
    /// 200 ms, ready to accept connections.
    static func with<T>(_ body: (TLSNginx) async throws -> T) async throws -> T {
        let nginx = try DebianPackage.executable(["/usr/sbin/nginx"], from: "nginx-light")
        let echoModule = try DebianPackage.file(["/usr/lib/nginx/modules/ngx_http_echo_module.so"], from: "libnginx-mod-http-echo")
        let folder = try TemporaryFolder()
        try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                     "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                                     "-keyout", folder.path("key.pem"), "-out", folder.path("cert.pem")])
        let port = unusedLoopbackPort()
        try config(port: port, folder: folder, echoModule: echoModule).write(toFile: folder.path("nginx.conf"), atomically: true, encoding: .utf8)
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
        return try await body(TLSNginx(baseURL: "https://127.0.0.1:\(port)", folder: folder))
    }

    /// The protocol of every request nginx logged so far (`HTTP/1.1`, `HTTP/2.0`), in order.
    func loggedProtocols() throws -> [String] {
        try loggedRequests().map(\.protocolName)
    }

    /// Every request nginx logged so far, in order.
    func loggedRequests() throws -> [LoggedRequest] {
        try String(contentsOfFile: folder.path("access.log"), encoding: .utf8).split(separator: "\n").map { line in
            let fields = line.split(separator: " ")
            guard fields.count == 4, let connection = Int(fields[0]), let end = Self.milliseconds(fields[2]),
                  let length = Self.milliseconds(fields[3]) else {
                throw Unavailable(description: "unexpected access log line '\(line)'")
            }
            return LoggedRequest(connection: connection, protocolName: String(fields[1]), milliseconds: (end - length)..<end)
        }
    }

    /// nginx's `seconds.milliseconds` as whole milliseconds.
    private static func milliseconds(_ text: Substring) -> Int64? {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let seconds = Int64(parts[0]), let thousandths = Int64(parts[1]) else { return nil }
        return seconds * 1_000 + thousandths
    }

    /// One worker, logging each request's connection, protocol, end and length, without
    /// buffering so the log is complete once the response is sent; connections are never
    /// closed for their number of requests (nginx's default closes them after 1,000), so each
    /// one the client opened shows once.
    private static func config(port: Int, folder: TemporaryFolder, echoModule: String) -> String {
        """
        load_module \(echoModule);
        worker_processes 1;
        daemon off;
        master_process on;
        user root;
        pid \(folder.path("nginx.pid"));
        error_log \(folder.path("error.log")) warn;
        events { worker_connections 256; }
        http {
            log_format exchange '$connection $server_protocol $msec $request_time';
            access_log \(folder.path("access.log")) exchange;
            keepalive_requests 1000000;
            client_body_temp_path \(folder.path("body"));
            proxy_temp_path \(folder.path("proxy"));
            fastcgi_temp_path \(folder.path("fastcgi"));
            uwsgi_temp_path \(folder.path("uwsgi"));
            scgi_temp_path \(folder.path("scgi"));
            server {
                listen 127.0.0.1:\(port) ssl http2;
                ssl_certificate \(folder.path("cert.pem"));
                ssl_certificate_key \(folder.path("key.pem"));
                location = / { return 200 "ok\\n"; }
                location = /slow { echo_sleep 0.2; echo "slept"; }
            }
        }
        """
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
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
