/// Writes one HTTP/1.1 request: request line, perfkit's Host, User-Agent and Accept unless
/// the caller's headers set them, the caller's headers, Content-Length for a body, then the
/// body. Appends to a buffer the caller reuses, so a scenario step's request costs no
/// allocation once the buffer has grown.
enum RequestBytes {
    /// Appends the request `method` `target` to `host` (the Host header's value) to `bytes`.
    static func append(method: String, target: Substring, host: String, headers: [String], body: [UInt8]?,
                       to bytes: inout [UInt8]) {
        var setsHost = false, setsUserAgent = false, setsAccept = false
        for header in headers {
            setsHost = setsHost || names(header, "host")
            setsUserAgent = setsUserAgent || names(header, "user-agent")
            setsAccept = setsAccept || names(header, "accept")
        }
        bytes.append(contentsOf: method.utf8)
        bytes.append(space)
        bytes.append(contentsOf: target.utf8)
        bytes.append(contentsOf: versionAndLineEnd)
        if !setsHost { line("Host", host, to: &bytes) }
        if !setsUserAgent { bytes.append(contentsOf: userAgentLine) }
        if !setsAccept { bytes.append(contentsOf: acceptLine) }
        for header in headers {
            bytes.append(contentsOf: header.utf8)
            bytes.append(contentsOf: lineEnd)
        }
        if let body { line("Content-Length", String(body.count), to: &bytes) }
        bytes.append(contentsOf: lineEnd)
        if let body { bytes.append(contentsOf: body) }
    }

    private static func line(_ name: StaticString, _ value: String, to bytes: inout [UInt8]) {
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: colonSpace)
        bytes.append(contentsOf: value.utf8)
        bytes.append(contentsOf: lineEnd)
    }

    /// Whether the header line `header` ("Name: value") is named `lowercased`, in any case.
    private static func names(_ header: String, _ lowercased: StaticString) -> Bool {
        lowercased.withUTF8Buffer { name in
            var utf8 = header.utf8.makeIterator()
            for expected in name {
                guard let byte = utf8.next(), ((65...90).contains(byte) ? byte + 32 : byte) == expected else { return false }
            }
            var next = utf8.next()
            while next == 0x20 || next == 0x09 { next = utf8.next() }
            return next == 0x3A
        }
    }

    private static let space = UInt8(ascii: " ")
    private static let colonSpace: [UInt8] = Array(": ".utf8)
    private static let lineEnd: [UInt8] = [13, 10]
    private static let versionAndLineEnd: [UInt8] = Array(" HTTP/1.1\r\n".utf8)
    private static let userAgentLine: [UInt8] = Array("User-Agent: perfkit/\(PerfkitVersion.current)\r\n".utf8)
    private static let acceptLine: [UInt8] = Array("Accept: */*\r\n".utf8)
}
