import CNet
import Glibc

/// Reads HTTP/1.1 responses one at a time from bytes as they arrive, without copying or
/// allocating: the status, whether the connection stays open, and how long the body is
/// (Content-Length, chunked, or until the connection closes). Bodies are counted, not kept,
/// unless a scenario's step asks for the header fields and body (`capturesFields`,
/// `keptBodyLimit`): then those allocate, load runs never do.
package struct HTTPResponseParser {
    /// Where a response stands after some bytes.
    package enum Progress: Equatable {
        /// More bytes are needed.
        case needMore
        /// The response is complete.
        case complete
        /// The bytes are not a valid response; the reason, for tests and debugging.
        case malformed(String)
    }

    private enum Stage {
        case head
        case body(remaining: Int64)
        case chunkSize
        case chunkData(remaining: Int64)
        case chunkDataEnd
        case trailers
        case untilClose
        case done
    }

    /// The largest status line plus headers accepted; a larger head is malformed.
    static let maximumHeadBytes = 64 * 1024
    /// The longest chunk-size line accepted.
    private static let maximumChunkLine = 1_024

    /// Whether responses answer HEAD requests (and so carry no body whatever they announce).
    package var answersHead: Bool
    /// Whether the final response's header fields are kept in `headerFields`.
    package var capturesFields = false
    /// Body bytes kept in `body` at most; the rest is counted only.
    package var keptBodyLimit = 0
    /// Header fields of the final response, names as the server spelled them, values trimmed
    /// (with `capturesFields`).
    package private(set) var headerFields: [HTTPHeaderField] = []
    /// The start of the body, up to `keptBodyLimit` bytes.
    package private(set) var body: [UInt8] = []
    /// The final status of the current response (0 until its head is read).
    package private(set) var status = 0
    /// Whether the connection may carry another request after this response.
    package private(set) var keepAlive = true
    /// Body bytes of the current response so far.
    package private(set) var bodyBytes: Int64 = 0
    private var stage = Stage.head
    /// How far the head has been searched for its end, so a slow drip is not rescanned.
    private var headScanned = 0

    package init(answersHead: Bool) {
        self.answersHead = answersHead
    }

    /// Gets ready for the next response on the connection.
    package mutating func reset() {
        status = 0
        keepAlive = true
        bodyBytes = 0
        stage = .head
        headScanned = 0
        if !headerFields.isEmpty { headerFields.removeAll(keepingCapacity: true) }
        if !body.isEmpty { body.removeAll(keepingCapacity: true) }
    }

    /// Hands over the kept header fields and body, leaving none behind.
    package mutating func takeCaptured() -> (headers: [HTTPHeaderField], body: [UInt8]) {
        defer {
            headerFields = []
            body = []
        }
        return (headerFields, body)
    }

    /// Reads from `bytes` (everything received and not yet consumed) what belongs to the
    /// current response; returns where it stands and how many bytes it consumed. A head is
    /// consumed only once complete, so the caller keeps its bytes until then.
    package mutating func consume(_ bytes: UnsafeRawBufferPointer) -> (progress: Progress, consumed: Int) {
        var offset = 0
        while true {
            let available = bytes.count - offset
            switch stage {
            case .head:
                guard let headLength = headEnd(bytes, from: offset) else {
                    if available > Self.maximumHeadBytes { return (.malformed("response head over 64 KiB"), offset) }
                    return (.needMore, offset)
                }
                if let problem = readHead(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + headLength])) {
                    return (.malformed(problem), offset)
                }
                offset += headLength
                headScanned = 0
            case .body(let remaining):
                let taken = min(Int64(available), remaining)
                keep(bytes, from: offset, count: Int(taken))
                offset += Int(taken)
                bodyBytes += taken
                if taken == remaining { stage = .done } else {
                    stage = .body(remaining: remaining - taken)
                    return (.needMore, offset)
                }
            case .chunkSize:
                guard let lineEnd = lineEnd(bytes, from: offset) else {
                    if available > Self.maximumChunkLine { return (.malformed("chunk size line too long"), offset) }
                    return (.needMore, offset)
                }
                guard let size = Self.chunkSize(UnsafeRawBufferPointer(rebasing: bytes[offset..<lineEnd])) else {
                    return (.malformed("bad chunk size"), offset)
                }
                offset = lineEnd + 2
                stage = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let taken = min(Int64(available), remaining)
                keep(bytes, from: offset, count: Int(taken))
                offset += Int(taken)
                bodyBytes += taken
                if taken == remaining { stage = .chunkDataEnd } else {
                    stage = .chunkData(remaining: remaining - taken)
                    return (.needMore, offset)
                }
            case .chunkDataEnd:
                guard available >= 2 else { return (.needMore, offset) }
                guard bytes[offset] == 13, bytes[offset + 1] == 10 else { return (.malformed("chunk not followed by CRLF"), offset) }
                offset += 2
                stage = .chunkSize
            case .trailers:
                guard let lineEnd = lineEnd(bytes, from: offset) else {
                    if available > Self.maximumHeadBytes { return (.malformed("trailers over 64 KiB"), offset) }
                    return (.needMore, offset)
                }
                let empty = lineEnd == offset
                offset = lineEnd + 2
                if empty { stage = .done }
            case .untilClose:
                keep(bytes, from: offset, count: available)
                bodyBytes += Int64(available)
                return (.needMore, bytes.count)
            case .done:
                return (.complete, offset)
            }
        }
    }

    /// The connection closed: a body that runs until the close is complete; anything else
    /// was cut short.
    package mutating func endOfStream() -> Progress {
        if case .untilClose = stage {
            stage = .done
            return .complete
        }
        return .malformed("connection closed before the response was complete")
    }

    /// Keeps body bytes up to `keptBodyLimit`.
    private mutating func keep(_ bytes: UnsafeRawBufferPointer, from offset: Int, count: Int) {
        let room = min(count, keptBodyLimit - body.count)
        guard room > 0 else { return }
        body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + room]))
    }

    // MARK: Head

    /// The length of the head (through its blank line) starting at `start`, if it is all there.
    private mutating func headEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let from = max(start, start + headScanned - 3)
        guard let base = bytes.baseAddress, bytes.count - from >= 4 else { return nil }
        let found = pk_find_blank_line(base + from, bytes.count - from)
        guard found >= 0 else {
            headScanned = max(headScanned, bytes.count - start)
            return nil
        }
        return from + found + 4 - start
    }

    /// Reads the status line and headers; returns what is wrong, or nil.
    private mutating func readHead(_ head: UnsafeRawBufferPointer) -> String? {
        // "HTTP/1.x SSS" then a space or the line end.
        guard head.count >= 14, head.starts(with: Self.httpPrefix), (48...57).contains(head[7]), head[8] == 32,
              let status = Self.statusCode(head), head[12] == 32 || head[12] == 13 else {
            return "not an HTTP/1.x status line"
        }
        // A CR or LF that is not part of a CRLF would hide the header after it inside the value
        // before it (bench/parser-fuzz found "X: a\nContent-Length: 3" read until the close).
        guard !Self.hasBareLineBreak(head) else { return "bare CR or LF in the response head" }
        self.status = status
        // A new head: an interim response's fields are not the final one's.
        if !headerFields.isEmpty { headerFields.removeAll(keepingCapacity: true) }
        let minorVersion = head[7] - 48
        keepAlive = minorVersion >= 1
        var contentLength: Int64? = nil
        var chunked = false
        var lineStart = Self.lineEnd(head, from: 0)! + 2
        while lineStart < head.count - 2 {
            let end = Self.lineEnd(head, from: lineStart)!
            let line = UnsafeRawBufferPointer(rebasing: head[lineStart..<end])
            guard let colon = line.firstIndex(of: 58), colon > 0 else { return "header line without a name" }
            let name = UnsafeRawBufferPointer(rebasing: line[..<colon])
            // A name with a space ("Content-Length : 3", or a line folded onto the status line)
            // would go unrecognised, and the body be read until the close while the server
            // keeps the connection open.
            guard name.allSatisfy(HTTPToken.allows) else { return "header name is not a token" }
            let value = Self.trimmed(UnsafeRawBufferPointer(rebasing: line[(colon + 1)...]))
            if capturesFields {
                headerFields.append(HTTPHeaderField(name: String(decoding: name, as: UTF8.self),
                                                    value: String(decoding: value, as: UTF8.self)))
            }
            if Self.equalsIgnoringCase(name, "content-length") {
                guard let length = Self.decimal(value), contentLength == nil || contentLength == length else {
                    return "bad Content-Length"
                }
                contentLength = length
            } else if Self.equalsIgnoringCase(name, "transfer-encoding") {
                // The last coding must be `chunked` itself, not a name ending in it ("xchunked"):
                // bench/parser-fuzz found such a value framed as chunked where llhttp reads it
                // until the close, as RFC 9112 6.3 says.
                chunked = Self.endsWithIgnoringCase(value, "chunked")
                    && (value.count == 7 || [44, 32, 9].contains(value[value.count - 8]))
            } else if Self.equalsIgnoringCase(name, "connection") {
                if Self.containsIgnoringCase(value, "close") { keepAlive = false }
                if Self.containsIgnoringCase(value, "keep-alive") { keepAlive = true }
            }
            lineStart = end + 2
        }
        if (100..<200).contains(status), status != 101 {
            // An interim response: the real one follows.
            stage = .head
            return nil
        }
        if answersHead || status == 204 || status == 304 {
            stage = .done
        } else if chunked {
            stage = .chunkSize
        } else if let contentLength {
            stage = contentLength == 0 ? .done : .body(remaining: contentLength)
        } else {
            stage = .untilClose
            keepAlive = false
        }
        return nil
    }

    private static let httpPrefix: [UInt8] = Array("HTTP/1.".utf8)


    private static func statusCode(_ head: UnsafeRawBufferPointer) -> Int? {
        var code = 0
        for index in 9..<12 {
            let digit = head[index]
            guard (48...57).contains(digit) else { return nil }
            code = code * 10 + Int(digit - 48)
        }
        return (100...999).contains(code) ? code : nil
    }

    /// Whether `head` holds a CR not followed by LF or an LF not preceded by CR.
    private static func hasBareLineBreak(_ head: UnsafeRawBufferPointer) -> Bool {
        for index in head.indices {
            switch head[index] {
            case 13 where index + 1 == head.count || head[index + 1] != 10: return true
            case 10 where index == 0 || head[index - 1] != 13: return true
            default: continue
            }
        }
        return false
    }

    private static func chunkSize(_ line: UnsafeRawBufferPointer) -> Int64? {
        var size: Int64 = 0
        var digits = 0
        for byte in line {
            let value: Int64
            switch byte {
            case 48...57: value = Int64(byte - 48)
            case 97...102: value = Int64(byte - 87)
            case 65...70: value = Int64(byte - 55)
            case 59, 32, 9: return digits > 0 ? size : nil  // ";extension" or padding
            default: return nil
            }
            guard digits < 15 else { return nil }
            size = size << 4 | value
            digits += 1
        }
        return digits > 0 ? size : nil
    }

    private static func decimal(_ text: UnsafeRawBufferPointer) -> Int64? {
        guard !text.isEmpty, text.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in text {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        return value
    }

    // MARK: Bytes

    private func lineEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? { Self.lineEnd(bytes, from: start) }

    /// The index of the CR of the first CRLF at or after `start`.
    private static func lineEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start
        while index + 1 < bytes.count {
            guard let found = memchr(base + index, 13, bytes.count - index - 1) else { return nil }
            index = base.distance(to: UnsafeRawPointer(found))
            if bytes[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }

    private static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
        while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    private static func lowered(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }

    private static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { expected in zip(bytes, expected).allSatisfy { lowered($0) == $1 } }
    }

    private static func endsWithIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return equalsIgnoringCase(UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - count)...]), text)
    }

    private static func containsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        for start in 0...(bytes.count - count)
        where equalsIgnoringCase(UnsafeRawBufferPointer(rebasing: bytes[start..<start + count]), text) {
            return true
        }
        return false
    }
}
