import Foundation
import Glibc

/// A raw TCP server on a loopback port that answers every request with scripted bytes, to
/// see how a client copes with responses no real server should send. Each connection is
/// served on its own thread; `stop()` closes the listener and every connection.
public final class HostileServer: @unchecked Sendable {
    /// What the server does after reading a request's head.
    public enum Step: Sendable {
        /// Writes these bytes.
        case send(String)
        /// Writes these bytes one at a time, pausing between them.
        case drip(String, every: Duration)
        /// Waits.
        case pause(Duration)
        /// Closes the connection.
        case close
        /// Resets the connection (SO_LINGER 0): the client's next write or read fails at once.
        case reset
    }

    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    private let listener: Int32
    private let script: [Step]
    private let waitsForHead: Bool
    private let lock = NSLock()
    private var connections: [Int32] = []
    private var stopped = false

    /// Starts a server that answers every request on every connection with `script`; with
    /// `waitsForHead` false, whatever bytes come first count as the request (a TLS ClientHello
    /// has no HTTP head).
    public init(_ script: [Step], waitsForHead: Bool = true) throws {
        self.script = script
        self.waitsForHead = waitsForHead
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound, listen(listener, 64) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops accepting and ends every open connection. Descriptors are only shut down here and
    /// closed by the thread that owns them: closing them here could close a descriptor number
    /// another test has been given since.
    public func stop() {
        lock.withLock {
            stopped = true
            shutdown(listener, Int32(SHUT_RDWR))
            for connection in connections { shutdown(connection, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let accepted = lock.withLock { () -> Bool in
                guard !stopped else { return false }
                connections.append(connection)
                return true
            }
            guard accepted else {
                close(connection)
                return
            }
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        defer {
            lock.withLock {
                connections.removeAll { $0 == connection }
                close(connection)
            }
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        // Bounded: a client never sends more than a few hundred requests to one test server.
        for _ in 0..<10_000 {
            while waitsForHead ? !Self.hasHead(received) : received.isEmpty {
                let count = read(connection, &chunk, chunk.count)
                guard count > 0 else { return }
                received += chunk[0..<count]
            }
            received.removeFirst(waitsForHead ? Self.headLength(received) : received.count)
            for step in script {
                switch step {
                case .send(let text):
                    guard write(all: Array(text.utf8), to: connection) else { return }
                case .drip(let text, let every):
                    for byte in text.utf8 {
                        guard write(all: [byte], to: connection) else { return }
                        Thread.sleep(forTimeInterval: Double(every.components.attoseconds) / 1e18 + Double(every.components.seconds))
                    }
                case .pause(let duration):
                    Thread.sleep(forTimeInterval: Double(duration.components.attoseconds) / 1e18 + Double(duration.components.seconds))
                case .close:
                    return
                case .reset:
                    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                    setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                    return
                }
            }
        }
    }

    private func write(all bytes: [UInt8], to connection: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    private static func hasHead(_ bytes: [UInt8]) -> Bool { headLength(bytes) > 0 }

    /// The length of the request head (and of a Content-Length body) at the start of `bytes`, or 0.
    private static func headLength(_ bytes: [UInt8]) -> Int {
        guard bytes.count >= 4 else { return 0 }
        for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13
            && bytes[index + 3] == 10 {
            return index + 4
        }
        return 0
    }
}
