/// Recipes on which perfkit and llhttp disagree on purpose, and why. perfkit is a load
/// generator's client, not a proxy: it must frame each response exactly (or the next one is
/// misread), and it rejects what it cannot frame; llhttp (as SwiftNIO sets it up) is also strict
/// about bytes that do not change the framing. RFC 9112 lets a user agent do either.
enum KnownDifferences {
    static func reason(for recipe: String) -> String? {
        reasons[recipe]
    }

    private static let reasons: [String: String] = [
        "101-switching": "perfkit never asks to upgrade; it counts what follows a 101 as body, llhttp stops there",
        "nul-in-value": "perfkit does not read the values of other headers: a NUL or other control byte there "
            + "cannot change the framing (a bare CR or LF could, and both parsers refuse it)",
        "chunk-ext-bare-cr": "perfkit skips chunk extensions without reading them",
        "chunk-size-trailing-space": "perfkit allows whitespace after the size (BWS before an extension)",
        "cl-and-chunked": "Transfer-Encoding overrides Content-Length (RFC 9112 6.3); llhttp refuses the pair",
        "cl-duplicate-same": "identical Content-Length values may be read as one (RFC 9110 8.6); different ones are refused by both",
        "header-tab-separator": "a tab is optional whitespace around a value (RFC 9110 5.6.3); llhttp refuses it in Content-Length",
        "connection-close-then-more": "perfkit reads nothing after a response that closes the connection",
        "trailer-fold": "perfkit skips trailer lines without reading them",
        "status-099": "perfkit takes statuses 100 to 999 (README); 0xx is no HTTP status class",
        "version-1.9": "any HTTP/1.x is read as HTTP/1.1 (RFC 9112 2.5 lets a recipient do so)",
    ]
}
