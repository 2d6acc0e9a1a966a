import CCurl

/// libcurl's process-wide initialisation, done once before the first handle is made.
public enum CurlGlobal {
    /// Whether `curl_global_init` succeeded; reading it the first time runs it.
    public static let isReady: Bool = pk_global_init() == CURLE_OK

    /// Whether this libcurl can negotiate HTTP/2.
    public static var supportsHTTP2: Bool { pk_supports_http2() != 0 }
}
