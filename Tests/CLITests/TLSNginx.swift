import Foundation
import Glibc
import TestSupport

/// Debian's nginx serving HTTPS (HTTP/1.1 and HTTP/2 by ALPN) on a free 127.0.0.1 port with a
/// self-signed certificate made for the test, for the libcurl transport's tests. Installed with
/// `scripts/install-deps nginx-light` when missing; its config, certificate and logs live in a
/// temporary folder; killed by PID when the test is done, however it ends.
struct TLSNginx {
    /// `https://127.0.0.1:PORT`.
    let baseURL: String
    /// Holds the certificate, config and logs; removed when the server is done with.
    private let folder: TemporaryFolder

    /// Why nginx could not be made ready.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `body` with nginx answering `GET /` with 200 and `ok`, ready to accept connections.
    static func with<T>(_ body: (TLSNginx) async throws -> T) async throws -> T {
        let nginx = try DebianPackage.executable(["/usr/sbin/nginx"], from: "nginx-light")
        let folder = try TemporaryFolder()
        try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                     "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                                     "-keyout", folder.path("key.pem"), "-out", folder.path("cert.pem")])
        let port = unusedLoopbackPort()
        try config(port: port, folder: folder).write(toFile: folder.path("nginx.conf"), atomically: true, encoding: .utf8)
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
        try String(contentsOfFile: folder.path("access.log"), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// One worker, logging only `$server_protocol` (the protocol the request really came over),
    /// without buffering so the log is complete once the response is sent.
    private static func config(port: Int, folder: TemporaryFolder) -> String {
        """
        worker_processes 1;
        daemon off;
        master_process on;
        user root;
        pid \(folder.path("nginx.pid"));
        error_log \(folder.path("error.log")) warn;
        events { worker_connections 256; }
        http {
            log_format protocol '$server_protocol';
            access_log \(folder.path("access.log")) protocol;
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
