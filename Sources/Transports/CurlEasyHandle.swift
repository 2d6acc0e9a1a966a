import CCurl
import Units

/// A libcurl easy handle set up once for a run's request and reused for every request on
/// its connection, so keep-alive holds and nothing is rebuilt per request.
struct CurlEasyHandle {
    let raw: UnsafeMutableRawPointer

    /// Wraps a handle configured elsewhere, to read its timings.
    init(raw: UnsafeMutableRawPointer) {
        self.raw = raw
    }

    /// Configures a handle; `slot` comes back through `slot(of:)` when a transfer finishes, and
    /// each response's Content-Length headers go through `contentLength`.
    init(request: RequestSpec, transport: TransportOptions, headers: UnsafeMutablePointer<curl_slist>?,
         slot: Int, contentLength: UnsafeMutablePointer<ContentLengthAgreement>) throws(TransportError) {
        guard let raw = curl_easy_init() else { throw .setupFailed(call: "curl_easy_init", detail: nil) }
        self.raw = raw
        let discardBody: curl_write_callback = { _, size, count, _ in size * count }
        let codes = Self.applyTransport(raw, transport: transport, url: request.url)
            + Self.applyRequest(raw, request: request, headers: headers)
            + [pk_easy_setopt_write_function(raw, discardBody),
               pk_easy_setopt_header_function(raw, Self.checkHeader),
               pk_easy_setopt_pointer(raw, CURLOPT_HEADERDATA, contentLength),
               pk_easy_setopt_pointer(raw, CURLOPT_PRIVATE, UnsafeRawPointer(bitPattern: slot + 1))]
        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            curl_easy_cleanup(raw)
            throw .setupFailed(call: "curl_easy_setopt", detail: String(cString: curl_easy_strerror(failed)))
        }
    }

    /// Sets what every request of a run shares: timeouts, HTTP version, TLS checks.
    static func applyTransport(_ raw: UnsafeMutableRawPointer, transport: TransportOptions, url: String) -> [CURLcode] {
        let timeoutMilliseconds = max(1, Int(transport.timeout.microseconds / 1_000))
        var codes: [CURLcode] = [
            pk_easy_setopt_long(raw, CURLOPT_NOSIGNAL, 1),
            pk_easy_setopt_long(raw, CURLOPT_TIMEOUT_MS, timeoutMilliseconds),
            pk_easy_setopt_long(raw, CURLOPT_CONNECTTIMEOUT_MS, timeoutMilliseconds),
            pk_easy_setopt_long(raw, CURLOPT_TCP_NODELAY, 1),
            pk_easy_setopt_string(raw, CURLOPT_USERAGENT, "perfkit/\(PerfkitVersion.current)"),
            pk_easy_setopt_long(raw, CURLOPT_HTTP_VERSION, httpVersion(for: url, http2: transport.http2)),
        ]
        if transport.http2 { codes.append(pk_easy_setopt_long(raw, CURLOPT_PIPEWAIT, 1)) }
        if transport.insecure {
            codes.append(pk_easy_setopt_long(raw, CURLOPT_SSL_VERIFYPEER, 0))
            codes.append(pk_easy_setopt_long(raw, CURLOPT_SSL_VERIFYHOST, 0))
        }
        if let caBundle = transport.caBundle { codes.append(pk_easy_setopt_string(raw, CURLOPT_CAINFO, caBundle)) }
        return codes
    }

    /// Sets the URL, method, headers and body of the next request. Every option a previous
    /// request may have set is set again, so a handle can be reused for another request.
    static func applyRequest(_ raw: UnsafeMutableRawPointer, request: RequestSpec,
                             headers: UnsafeMutablePointer<curl_slist>?) -> [CURLcode] {
        var codes: [CURLcode] = [
            pk_easy_setopt_string(raw, CURLOPT_URL, request.url),
            pk_easy_setopt_pointer(raw, CURLOPT_HTTPHEADER, headers),
            pk_easy_setopt_long(raw, CURLOPT_NOBODY, 0),
            pk_easy_setopt_long(raw, CURLOPT_HTTPGET, 1),
            pk_easy_setopt_string(raw, CURLOPT_CUSTOMREQUEST, nil),
        ]
        if let body = request.body {
            codes.append(pk_easy_setopt_off_t(raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            codes.append(body.isEmpty ? pk_easy_setopt_string(raw, CURLOPT_COPYPOSTFIELDS, "")
                : body.withUnsafeBytes { pk_easy_setopt_pointer(raw, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) })
        }
        switch request.method {
        case "GET" where request.body == nil: break
        case "POST" where request.body != nil: break
        case "HEAD": codes.append(pk_easy_setopt_long(raw, CURLOPT_NOBODY, 1))
        default: codes.append(pk_easy_setopt_string(raw, CURLOPT_CUSTOMREQUEST, request.method))
        }
        return codes
    }

    /// The slot a finished transfer belongs to.
    static func slot(of raw: UnsafeMutableRawPointer) -> Int {
        var pointer: UnsafeMutableRawPointer?
        pk_easy_getinfo_pointer(raw, CURLINFO_PRIVATE, &pointer)
        return Int(bitPattern: pointer) - 1
    }

    func cleanup() { curl_easy_cleanup(raw) }

    /// The kind of failure of the last transfer, which ended with `result`: a connect that
    /// failed for want of this machine's descriptors or ports is `local`, not `refused`.
    func failureKind(_ result: CURLcode) -> ErrorKind {
        var osErrno = 0
        pk_easy_getinfo_long(raw, CURLINFO_OS_ERRNO, &osErrno)
        return ErrorKind(curlCode: result, osErrno: Int32(truncatingIfNeeded: osErrno))
    }

    /// Whether the last transfer failed on a reused connection before any byte of the answer:
    /// the server closed the idle connection as the request went out (a reset, not an answer),
    /// so the request may go again on a new connection, as the native client does.
    func failedOnStaleConnection(_ result: CURLcode) -> Bool {
        guard result == CURLE_RECV_ERROR || result == CURLE_SEND_ERROR || result == CURLE_GOT_NOTHING else { return false }
        var connects = 0
        var headerBytes = 0
        pk_easy_getinfo_long(raw, CURLINFO_NUM_CONNECTS, &connects)
        pk_easy_getinfo_long(raw, CURLINFO_HEADER_SIZE, &headerBytes)
        return connects == 0 && headerBytes == 0 && info(CURLINFO_SIZE_DOWNLOAD_T) == 0
    }

    /// Passes each header line to the slot's `ContentLengthAgreement`; returning 0 aborts the
    /// transfer when the line contradicts an earlier Content-Length.
    private static let checkHeader: curl_write_callback = { data, size, count, context in
        let length = size * count
        guard let data, let context else { return length }
        let agreement = context.assumingMemoryBound(to: ContentLengthAgreement.self)
        return agreement.pointee.accept(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
    }

    @inline(__always)
    func responseStatus() -> Int {
        var status = 0
        pk_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &status)
        return status
    }

    @inline(__always)
    func info(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        pk_easy_getinfo_off_t(raw, info, &value)
        return Int64(value)
    }

    /// The phase timings libcurl measured for the last transfer.
    @inline(__always)
    func phases() -> PhaseTimings {
        let pretransfer = info(CURLINFO_PRETRANSFER_TIME_T)
        let firstByte = info(CURLINFO_STARTTRANSFER_TIME_T)
        let total = info(CURLINFO_TOTAL_TIME_T)
        var timings = PhaseTimings(ttfb: firstByte - pretransfer, transfer: total - firstByte)
        var connects = 0
        pk_easy_getinfo_long(raw, CURLINFO_NUM_CONNECTS, &connects)
        if connects > 0 {
            let nameLookup = info(CURLINFO_NAMELOOKUP_TIME_T)
            let connected = info(CURLINFO_CONNECT_TIME_T)
            let tlsDone = info(CURLINFO_APPCONNECT_TIME_T)
            timings.dns = nameLookup
            timings.connect = connected - nameLookup
            if tlsDone > 0 { timings.tls = tlsDone - connected }
        }
        return timings
    }

    private static func httpVersion(for url: String, http2: Bool) -> Int {
        guard http2 else { return CURL_HTTP_VERSION_1_1 }
        return url.lowercased().hasPrefix("https:") ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE
    }
}
