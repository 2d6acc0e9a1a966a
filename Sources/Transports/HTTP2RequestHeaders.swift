import CHTTP2

/// A run's request as HTTP/2 header fields, built once and handed to nghttp2 for every stream
/// without copying (its NO_COPY flags): the pseudo-headers, perfkit's User-Agent and Accept
/// unless the request sets them, the request's own headers with lower-case names, and
/// Content-Length for a body. A Host header becomes `:authority`; headers HTTP/2 forbids
/// (Connection and its kin, RFC 9113 §8.2.2) are left out, as h2load and curl leave them out.
final class HTTP2RequestHeaders {
    /// The fields, `count` of them, valid while this object lives.
    let fields: UnsafeMutablePointer<nghttp2_nv>
    let count: Int
    /// The request body, sent with every request; nil for none.
    let body: UnsafeMutableRawBufferPointer?
    private let storage: UnsafeMutableRawBufferPointer

    private static let connectionSpecific: Set<String> = ["connection", "keep-alive", "proxy-connection",
                                                          "transfer-encoding", "upgrade", "te", "host"]

    /// The fields of `spec` sent to `request`'s origin and target.
    init(_ spec: RequestSpec, request: NativeRequest) {
        var pairs: [(String, String)] = []
        var authority = request.origin.hostHeader
        for line in spec.headers {
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            let name = line[..<colon].lowercased()
            let value = colon == line.endIndex ? "" : String(line[line.index(after: colon)...]).trimmed
            if name == "host" { authority = value }
            if !Self.connectionSpecific.contains(name) { pairs.append((name, value)) }
        }
        var all: [(String, String)] = [(":method", spec.method), (":scheme", request.origin.usesTLS ? "https" : "http"),
                                       (":authority", authority), (":path", request.target)]
        if !pairs.contains(where: { $0.0 == "user-agent" }) { all.append(("user-agent", "perfkit/\(PerfkitVersion.current)")) }
        if !pairs.contains(where: { $0.0 == "accept" }) { all.append(("accept", "*/*")) }
        all += pairs
        if let body = spec.body { all.append(("content-length", String(body.count))) }
        storage = .allocate(byteCount: max(1, all.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count }), alignment: 1)
        fields = .allocate(capacity: all.count)
        count = all.count
        var offset = 0
        for (index, (name, value)) in all.enumerated() {
            let nameStart = storage.baseAddress! + offset
            UnsafeMutableRawBufferPointer(rebasing: storage[offset...]).copyBytes(from: name.utf8)
            offset += name.utf8.count
            let valueStart = storage.baseAddress! + offset
            UnsafeMutableRawBufferPointer(rebasing: storage[offset...]).copyBytes(from: value.utf8)
            offset += value.utf8.count
            fields[index] = nghttp2_nv(name: nameStart.assumingMemoryBound(to: UInt8.self),
                                       value: valueStart.assumingMemoryBound(to: UInt8.self),
                                       namelen: name.utf8.count, valuelen: value.utf8.count,
                                       flags: UInt8(NGHTTP2_NV_FLAG_NO_COPY_NAME.rawValue | NGHTTP2_NV_FLAG_NO_COPY_VALUE.rawValue))
        }
        body = spec.body.map { bytes in
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
            copy.copyBytes(from: bytes)
            return UnsafeMutableRawBufferPointer(rebasing: copy[..<bytes.count])
        }
    }

    deinit {
        fields.deallocate()
        storage.deallocate()
        body?.deallocate()
    }
}

private extension String {
    /// Without leading and trailing spaces and tabs (a header value's optional whitespace).
    var trimmed: String {
        let bytes = utf8.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
        return String(decoding: Array(bytes), as: UTF8.self)
    }
}
