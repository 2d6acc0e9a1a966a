import ArgumentParser
import Foundation
import LoadEngine
import Recording

/// The request and how to reach its target: shared by every command that sends load.
struct RequestOptions: ParsableArguments {
    @Option(name: [.customShort("c"), .long], parsing: .unconditional, help: "Connections to keep open: exactly this many, over HTTP/2 too (each with --streams requests at once).")
    var connections: Int = 64

    @Option(parsing: .unconditional, help: "Time allowed for one request, e.g. 10s or 500ms.", transform: DurationArgument.parse)
    var timeout = DurationArgument(.seconds(10))

    @Option(name: [.customShort("H"), .long], help: "Request header 'Name: value' (repeatable).")
    var header: [String] = []

    @Option(help: "HTTP method.")
    var method: String = "GET"

    @Option(help: "Request body sent with every request.")
    var body: String?

    @Option(help: "File whose contents are the request body.")
    var bodyFile: String?

    @OptionGroup var transportFlags: TransportFlags

    func validate() throws {
        try requireCount(connections, flag: "--connections", in: 1...LoadLimits.connections)
        if connections * transportFlags.streams > LoadLimits.requestsInFlight {
            throw ValidationError(LoadEngineError.tooManyStreams(connections: connections, streams: transportFlags.streams).flagMessage)
        }
        try requirePositive(timeout.duration, flag: "--timeout", atMost: LoadLimits.timeout)
        if body != nil, bodyFile != nil { throw ValidationError("--body and --body-file cannot be used together") }
        for line in header {
            if let problem = HTTPFieldSyntax.problem(inHeaderLine: line) {
                throw ValidationError("--header '\(HTTPFieldSyntax.escaped(line))': \(problem)")
            }
        }
        guard HTTPFieldSyntax.isToken(method) else {
            throw ValidationError("--method '\(HTTPFieldSyntax.escaped(method))' is not an HTTP method (letters, digits and !#$%&'*+-.^_`|~ only)")
        }
    }

    /// This command's request, sent to `url`.
    func requestSpec(url: String) throws -> RequestSpec {
        RequestSpec(url: url, method: method, headers: header, body: try bodyBytes())
    }

    /// Connections, threads and timeout as the transport wants them for requests to `url`.
    func transport(url: String) -> TransportOptions {
        transportFlags.options(connections: connections, timeout: timeout.duration, url: url)
    }

    private func bodyBytes() throws -> [UInt8]? {
        if let body { return Array(body.utf8) }
        guard let bodyFile else { return nil }
        guard let data = FileManager.default.contents(atPath: bodyFile) else {
            throw CommandFailure(code: .badInput, message: "--body-file '\(bodyFile)' cannot be read")
        }
        return Array(data)
    }
}

/// How the transport threads talk to the target: shared by every command that sends requests.
struct TransportFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: "Transport threads (default: one per core with libcurl; one per two cores with the native client, whose thread sends about 100,000 requests/s).")
    var threads: Int?

    @Flag(help: "Skip TLS certificate verification.")
    var insecure = false

    @Option(name: .customLong("cacert"), help: "PEM file of the certificate authorities to trust for https (default: the system's).")
    var caBundle: String?

    @Flag(help: "Use HTTP/2 (ALPN on https, prior knowledge on http).")
    var http2 = false

    @Option(parsing: .unconditional, help: "Requests in flight on each connection, as HTTP/2 streams (needs --http2; h2load's -m).")
    var streams = 1

    @Option(help: "HTTP client of single-URL runs and flows: auto (perfkit's own client; libcurl for flows with --http2), native or curl.")
    var transport: TransportKind = .auto

    func validate() throws {
        if let threads { try requireCount(threads, flag: "--threads", in: 1...LoadLimits.threads) }
        try requireCount(streams, flag: "--streams", in: 1...LoadLimits.streams)
        if streams > 1, !http2 { throw ValidationError(LoadEngineError.streamsNeedHTTP2(streams: streams).flagMessage) }
        if let caBundle {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: caBundle, isDirectory: &isDirectory), !isDirectory.boolValue,
                  FileManager.default.isReadableFile(atPath: caBundle) else {
                throw ValidationError("--cacert '\(HTTPFieldSyntax.escaped(caBundle))' is not a readable file")
            }
            do {
                try CABundle.validate(caBundle)
            } catch {
                guard case .unusableCABundle(_, let reason) = error else { throw error }
                throw ValidationError("--cacert '\(HTTPFieldSyntax.escaped(caBundle))' holds no certificate perfkit can load: \(reason)")
            }
        }
    }

    /// Transport options with these flags and the given connections and timeout, for requests
    /// to `url` (nil: several URLs, sent through libcurl), of a scenario flow when `flow` (whose
    /// requests go through libcurl with `--http2`).
    func options(connections: Int = 64, timeout: Duration = .seconds(10), url: String? = nil,
                 flow: Bool = false) -> TransportOptions {
        let flags = TransportOptions(connections: connections, timeout: timeout, insecure: insecure, caBundle: caBundle,
                                     http2: http2, kind: transport)
        let native = url.map { flags.resolvedKind(for: $0) == .native && !(flow && http2) } ?? false
        // A native thread needs about half the CPU of a libcurl one per request. More threads than
        // that only take cores from the kernel's network processing and, when it runs on the same
        // machine, the target: on 2 cores beside nginx, two native threads reached 0.88× the
        // closed-model rate of one and several times its p99 at half that rate.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return TransportOptions(connections: connections, threads: threads ?? max(1, native ? (cores + 1) / 2 : cores),
                                timeout: timeout, insecure: insecure, caBundle: caBundle, http2: http2, kind: transport,
                                streams: streams)
    }
}

extension TransportKind: ExpressibleByArgument {}
