import LiveMetrics
import Testing

@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464),
        ("[::1]:9464", "::1", 9464),
        ("localhost:0", "localhost", 0),
    ])
    func readsHostAndPort(text: String, host: String, port: Int) throws {
        let address = try ListenAddress.parse(text)
        #expect(address == ListenAddress(host: host, port: port))
        #expect(address.description == text)
    }

    @Test(arguments: [
        ("9464", "expected HOST:PORT"),
        (":9464", "no host"),
        ("127.0.0.1:http", "'http' is not a port"),
        ("127.0.0.1:70000", "'70000' is not a port"),
        ("::1:9464", "in brackets"),
        ("[::1]9464", "in brackets"),
    ])
    func badAddressesNameTheFlagAndTheProblem(text: String, says: String) {
        let error = #expect(throws: ListenAddressError.self) { try ListenAddress.parse(text) }
        #expect(error?.description.hasPrefix("--metrics-listen '\(text)': ") == true)
        #expect(error?.description.contains(says) == true, "\(String(describing: error))")
    }
}
