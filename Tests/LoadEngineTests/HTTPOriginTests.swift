import Testing
@testable import Transports

/// How the native exchange client reads a request URL against its origin: the request target
/// it sends, or nil for a URL it must not send there.
struct HTTPOriginTests {
    private static let origin = try! HTTPOrigin(url: "http://127.0.0.1:8080/base")

    @Test(arguments: [
        ("http://127.0.0.1:8080/api/orders/17", "/api/orders/17"),
        ("http://127.0.0.1:8080", "/"),
        ("http://127.0.0.1:8080?q=1", "/?q=1"),
        ("http://127.0.0.1:8080/a?b=c#fragment", "/a?b=c"),
        ("http://127.0.0.1:8080/é", "/é"),
    ])
    func aURLOnTheOriginGivesItsRequestTarget(url: String, target: String) {
        #expect(Self.origin.target(of: url).map(String.init) == target)
    }

    @Test(arguments: [
        "http://127.0.0.1:9090/other-port", "https://127.0.0.1:8080/other-scheme", "http://127.0.0.1:80",
        "http://127.0.0.1:8080/with space", "http://127.0.0.1:8080/tab\there", "http://127.0.0.1:8080/del\u{7F}",
        "http://127.0.0.1:80801/longer-port", "http://127.0.0.1:8080@evil/", "", "http://127.0.0.1:808",
    ])
    func aURLOffTheOriginOrUnsendableGivesNone(url: String) {
        #expect(Self.origin.target(of: url) == nil)
    }
}
