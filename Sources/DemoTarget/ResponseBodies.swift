import NIOCore

/// The JSON bodies the demo target answers with. Fixed bodies are encoded once and shared;
/// the others are written straight into a buffer, without an encoder or intermediate strings.
enum ResponseBodies {
    static let allocator = ByteBufferAllocator()

    static let index = encodedOnce(
        """
        {"service":"perfkit demo target","endpoints":["GET /healthz","GET /api/prices/{symbol}",\
        "GET /api/signals","POST /api/signals","GET /api/signals/{id}",\
        "POST /api/orders","GET /api/orders/{id}","DELETE /api/orders/{id}","GET /metrics"],\
        "query":["delay=<duration>","status=<200..599>","close=mid","size=<bytes>"]}
        """)

    static let injectedFailure = encodedOnce(#"{"error":"injected failure"}"#)

    static func health(version: String, uptimeSeconds: Double) -> ByteBuffer {
        var body = allocator.buffer(capacity: 64 + version.utf8.count)
        body.writeStaticString(#"{"status":"ok","version":"#)
        body.writeJSONString(version)
        body.writeStaticString(#","uptime_seconds":"#)
        body.writeJSONNumber(uptimeSeconds, decimals: 3)
        body.writeStaticString("}")
        return body
    }

    static func price(_ quote: PriceQuote) -> ByteBuffer {
        var body = allocator.buffer(capacity: 96)
        body.writeStaticString(#"{"symbol":"#)
        body.writeJSONString(quote.symbol)
        body.writeStaticString(#","bid":"#)
        body.writeJSONNumber(quote.bid, decimals: quote.decimals)
        body.writeStaticString(#","ask":"#)
        body.writeJSONNumber(quote.ask, decimals: quote.decimals)
        body.writeStaticString(#","timestamp":"#)
        body.writeJSONNumber(quote.timestampMillis)
        body.writeStaticString("}")
        return body
    }

    static func status(_ code: UInt) -> ByteBuffer {
        var body = allocator.buffer(capacity: 16)
        body.writeStaticString(#"{"status":"#)
        body.writeJSONNumber(code)
        body.writeStaticString("}")
        return body
    }

    /// `{"error_rate":0.5}` or `{"slowdown":1.5}`: a control setting now in force.
    static func setting(_ name: StaticString, _ value: Double) -> ByteBuffer {
        var body = allocator.buffer(capacity: 32)
        body.writeStaticString(#"{""#)
        body.writeStaticString(name)
        body.writeStaticString(#"":"#)
        body.writeJSONNumber(value, decimals: 4)
        body.writeStaticString("}")
        return body
    }

    /// `{"error":"<message>"}` followed by further string fields, such as the path that was not found.
    static func error(_ message: String, _ details: KeyValuePairs<StaticString, String> = [:]) -> ByteBuffer {
        var body = allocator.buffer(capacity: 32 + message.utf8.count)
        body.writeStaticString(#"{"error":"#)
        body.writeJSONString(message)
        for (name, value) in details {
            body.writeStaticString(",\"")
            body.writeStaticString(name)
            body.writeStaticString("\":")
            body.writeJSONString(value)
        }
        body.writeStaticString("}")
        return body
    }

    /// `body` followed by spaces up to `size` bytes; JSON allows trailing whitespace, so it still parses.
    static func padded(_ body: ByteBuffer, to size: Int) -> ByteBuffer {
        guard size > body.readableBytes else { return body }
        var padded = allocator.buffer(capacity: size)
        padded.writeImmutableBuffer(body)
        padded.writeRepeatingByte(UInt8(ascii: " "), count: size - body.readableBytes)
        return padded
    }

    private static func encodedOnce(_ json: String) -> ByteBuffer {
        allocator.buffer(string: json)
    }
}
