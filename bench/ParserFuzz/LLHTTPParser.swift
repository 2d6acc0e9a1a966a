import NIOCore
import NIOEmbedded
import NIOHTTP1

/// llhttp, as SwiftNIO's `HTTPResponseDecoder` drives it, on the same stream: in an
/// `EmbeddedChannel`, with as many GET requests written first as the stream could answer
/// (the decoder matches each response to a request), the reads delivered one by one, then the
/// channel closed (a body without a length ends there).
enum LLHTTPParser {
    static func verdict(_ bytes: [UInt8], reads: [Int], requests: Int) -> Verdict {
        let channel = EmbeddedChannel()
        var verdict = Verdict()
        var status = 0
        var body = 0
        /// Moves what the decoder produced so far into `verdict`.
        func collect() throws {
            while let part = try channel.readInbound(as: HTTPClientResponsePart.self) {
                switch part {
                case .head(let head):
                    status = Int(head.status.code)
                    body = 0
                case .body(let buffer):
                    body += buffer.readableBytes
                case .end:
                    verdict.responses.append(.init(status: status, bodyBytes: body))
                }
            }
        }
        do {
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPResponseDecoder()))
            for _ in 0..<requests {
                try channel.writeOutbound(HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/")))
                try channel.writeOutbound(HTTPClientRequestPart.end(nil))
            }
            var position = 0
            for length in reads {
                try channel.writeInbound(ByteBuffer(bytes: bytes[position..<position + length]))
                position += length
                try collect()
            }
            _ = try channel.finish()
            try collect()
        } catch {
            try? collect()
            verdict.rejection = "\(error)"
            _ = try? channel.finish()
        }
        return verdict
    }
}
