import CCurl

/// Checks a target URL with libcurl's own parser, so what passes here is what the transport
/// will accept.
public enum TargetURL {
    /// Throws `invalidURL` naming what is wrong with `url`.
    public static func validate(_ url: String) throws(TransportError) {
        guard let handle = curl_url() else { throw .setupFailed(call: "curl_url", detail: nil) }
        defer { curl_url_cleanup(handle) }
        let code = curl_url_set(handle, CURLUPART_URL, url, 0)
        guard code == CURLUE_OK else {
            throw .invalidURL(url, reason: String(cString: curl_url_strerror(code)))
        }
        guard let scheme = part(CURLUPART_SCHEME, of: handle), ["http", "https"].contains(scheme.lowercased()) else {
            throw .invalidURL(url, reason: "only http:// and https:// are supported")
        }
        guard let host = part(CURLUPART_HOST, of: handle), !host.isEmpty else {
            throw .invalidURL(url, reason: "no host")
        }
    }

    private static func part(_ part: CURLUPart, of handle: OpaquePointer) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, part, &value, 0) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
