import CCurl

/// A libcurl easy handle that keeps what a response says (status line, headers, body) for
/// the request it carries, then goes back to its thread's pool for the next request.
/// Confined to its `ExchangeThread`.
final class ExchangeHandle {
    let raw: UnsafeMutableRawPointer
    private(set) var body: [UInt8] = []
    private(set) var bytesReceived: Int64 = 0
    private(set) var headers: [HTTPHeaderField] = []
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// The caller waiting for this handle's current request.
    var job: ExchangeJob?
    /// When the current request was handed to libcurl.
    var sentNanoseconds: Int64 = 0
    /// Whether the current request already went again after a stale kept-alive connection.
    var retried = false
    private var contentLength = ContentLengthAgreement()
    /// Whether `release()` ran: the easy handle must be cleaned up once.
    private var released = false

    init(transport: TransportOptions, url: String) throws(TransportError) {
        guard let raw = curl_easy_init() else { throw .setupFailed(call: "curl_easy_init", detail: nil) }
        self.raw = raw
        let context = Unmanaged.passUnretained(self).toOpaque()
        let codes = CurlEasyHandle.applyTransport(raw, transport: transport, url: url) + [
            pk_easy_setopt_write_function(raw, Self.receiveBody),
            pk_easy_setopt_pointer(raw, CURLOPT_WRITEDATA, context),
            pk_easy_setopt_header_function(raw, Self.receiveHeader),
            pk_easy_setopt_pointer(raw, CURLOPT_HEADERDATA, context),
            pk_easy_setopt_pointer(raw, CURLOPT_PRIVATE, context),
        ]
        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            release()
            throw .setupFailed(call: "curl_easy_setopt", detail: String(cString: curl_easy_strerror(failed)))
        }
    }

    /// The handle a finished transfer belongs to.
    static func owning(_ easy: UnsafeMutableRawPointer) -> ExchangeHandle {
        var pointer: UnsafeMutableRawPointer?
        pk_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &pointer)
        return Unmanaged<ExchangeHandle>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// Sets up `request`; returns libcurl's complaint when an option is refused.
    func prepare(_ request: RequestSpec) -> String? {
        reset()
        headerList = request.headers.reduce(nil) { curl_slist_append($0, $1) }
        let codes = CurlEasyHandle.applyRequest(raw, request: request, headers: headerList)
        return codes.first { $0 != CURLE_OK }.map { String(cString: curl_easy_strerror($0)) }
    }

    /// The exchange that just finished with `result`.
    func exchange(result: CURLcode, completed: Int64) -> HTTPExchange {
        var status = 0
        pk_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &status)
        let handle = CurlEasyHandle(raw: raw)
        return HTTPExchange(
            ending: result == CURLE_OK ? .response : .failed(contentLength.conflicting ? .protocolError : handle.failureKind(result)),
            status: result == CURLE_OK ? status : 0,
            headers: headers, body: body, bytesReceived: bytesReceived,
            sentNanoseconds: sentNanoseconds, completedNanoseconds: completed,
            phases: result == CURLE_OK ? handle.phases() : PhaseTimings())
    }

    /// Whether the transfer that ended with `result` should go again, once, on a new
    /// connection (the server closed the kept-alive one as the request went out); if so,
    /// forgets what it received.
    func retriesAfterStaleConnection(_ result: CURLcode) -> Bool {
        guard !retried, CurlEasyHandle(raw: raw).failedOnStaleConnection(result) else { return false }
        retried = true
        forgetResponse()
        return true
    }

    /// Frees what the last request allocated; the handle stays usable.
    func reset() {
        forgetResponse()
        curl_slist_free_all(headerList)
        headerList = nil
        job = nil
        retried = false
    }

    private func forgetResponse() {
        body.removeAll(keepingCapacity: body.count <= Self.retainedCapacity)
        bytesReceived = 0
        headers.removeAll(keepingCapacity: true)
        contentLength.reset()
    }

    /// Frees the easy handle; later calls, and deinit, do nothing more.
    func release() {
        guard !released else { return }
        released = true
        reset()
        curl_easy_cleanup(raw)
    }

    deinit { release() }

    /// A body buffer larger than this is released after its request instead of reused.
    private static let retainedCapacity = 64 << 10

    private static let receiveBody: curl_write_callback = { data, size, count, context in
        let length = size * count
        let handle = Unmanaged<ExchangeHandle>.fromOpaque(context!).takeUnretainedValue()
        handle.bytesReceived += Int64(length)
        let room = max(0, HTTPExchange.maxKeptBodyBytes - handle.body.count)
        if let data, room > 0 {
            handle.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: min(length, room)))
        }
        return length
    }

    private static let receiveHeader: curl_write_callback = { data, size, count, context in
        let length = size * count
        let handle = Unmanaged<ExchangeHandle>.fromOpaque(context!).takeUnretainedValue()
        guard let data else { return length }
        guard handle.contentLength.accept(UnsafeRawBufferPointer(start: data, count: length)) else { return 0 }
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new status line: an interim (100 Continue) or redirected response came before.
            handle.headers.removeAll(keepingCapacity: true)
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingWhitespace()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            handle.headers.append(HTTPHeaderField(name: String(name), value: String(value)))
        }
        return length
    }
}

extension Substring {
    /// Without leading and trailing spaces, tabs and line ends.
    func trimmingWhitespace() -> Substring {
        // `isWhitespace`, because "\r\n" is one Character and equals neither "\r" nor "\n".
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
