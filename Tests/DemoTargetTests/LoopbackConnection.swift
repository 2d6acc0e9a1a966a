import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A response as it arrived on the wire.
struct WireResponse {
    let status: Int
    /// Header names lowercased.
    let headers: [String: String]
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why the test client could not talk to the server.
struct LoopbackError: Error, CustomStringConvertible {
    let operation: String
    let detail: String

    init(_ operation: String, errno code: Int32 = errno) {
        self.operation = operation
        detail = String(cString: strerror(code))
    }

    init(_ operation: String, detail: String) {
        self.operation = operation
        self.detail = detail
    }

    var description: String { "\(operation): \(detail)" }
}

/// An HTTP/1.1 client on one loopback connection. Raw bytes rather than URLSession, so tests can pipeline,
/// send bodies to any path and see a connection closed mid-response exactly as it happened.
///
/// Its socket calls block, so each runs on a Dispatch thread: blocked on the cooperative pool (two threads
/// here), they would hold up the other tests' servers starting and their clocks. A test drives its
/// connection from one task, one call at a time, which is what makes the unchecked `Sendable` sound.
final class LoopbackConnection: @unchecked Sendable {
    private let descriptor: Int32
    private var received: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads give up after `timeout` seconds rather than hang a test.
    init(port: Int, timeout: Int = 5) throws {
        #if canImport(Glibc)
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw LoopbackError("socket") }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let error = LoopbackError("connect to 127.0.0.1:\(port)")
            close(descriptor)
            throw error
        }
    }

    deinit {
        close(descriptor)
    }

    func send(_ text: String) async throws {
        try await offThePool { try self.sendNow(Array(text.utf8)) }
    }

    /// Reads one response, its body framed by `Content-Length` (absent means empty, as for 204 and 304).
    func readResponse(bodyless: Bool = false) async throws -> WireResponse {
        try await offThePool { try self.readResponseNow(bodyless: bodyless) }
    }

    /// Everything the server sends until it closes the connection; returns only once it has.
    func readToEnd() async throws -> [UInt8] {
        try await offThePool { try self.readToEndNow() }
    }

    private func sendNow(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw LoopbackError("write") }
            offset += written
        }
    }

    private func readResponseNow(bodyless: Bool) throws -> WireResponse {
        let headEnd = try readUntilHeadEnd()
        let head = String(decoding: received[..<headEnd], as: UTF8.self)
        received.removeFirst(headEnd + 4)
        let lines = head.split(separator: "\r\n")
        guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ")[1]) else {
            throw LoopbackError("parse status line", detail: head)
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingPrefix(" ").description
        }
        let length = bodyless ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        while received.count < length, try fill() {}
        let body = Array(received.prefix(length))
        received.removeFirst(body.count)
        return WireResponse(status: status, headers: headers, body: body)
    }

    private func readToEndNow() throws -> [UInt8] {
        while try fill() {}
        defer { received.removeAll() }
        return received
    }

    private func readUntilHeadEnd() throws -> Int {
        let separator: [UInt8] = [13, 10, 13, 10]
        while true {
            if let end = received.indices.dropLast(3).first(where: { Array(received[$0..<$0 + 4]) == separator }) {
                return end
            }
            guard try fill() else { throw LoopbackError("read response head", detail: "connection closed") }
        }
    }

    /// Appends what the socket has; false once the server has closed the connection.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 { throw LoopbackError("read") }
        if count == 0 { return false }
        received.append(contentsOf: chunk[..<count])
        return true
    }
}

/// Runs blocking work on a Dispatch thread and waits for it without holding a cooperative thread.
private func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
