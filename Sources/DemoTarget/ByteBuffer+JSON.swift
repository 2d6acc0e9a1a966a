import NIOCore

/// Writing JSON values straight into a buffer: no encoder, and no intermediate `String` for numbers.
extension ByteBuffer {
    /// Writes `text` as a quoted JSON string, escaping what JSON requires.
    mutating func writeJSONString(_ text: some StringProtocol) {
        writeInteger(UInt8(ascii: "\""))
        if text.utf8.contains(where: Self.needsEscape) {
            for byte in text.utf8 { writeEscaped(byte) }
        } else if text.utf8.withContiguousStorageIfAvailable({ writeBytes($0) }) == nil {
            writeString(String(text))
        }
        writeInteger(UInt8(ascii: "\""))
    }

    /// Writes `value` in decimal notation.
    mutating func writeJSONNumber(_ value: some BinaryInteger) {
        if value < 0 { writeInteger(UInt8(ascii: "-")) }
        writeDigits(of: UInt64(value.magnitude), minimumCount: 1)
    }

    /// Writes `value` with exactly `decimals` digits after the point, as prices and durations are quoted.
    mutating func writeJSONNumber(_ value: Double, decimals: Int) {
        precondition(value.isFinite && decimals < Self.powersOf10.count, "JSON numbers are finite, with few decimals")
        if value < 0 { writeInteger(UInt8(ascii: "-")) }
        let scale = Self.powersOf10[decimals]
        let scaled = UInt64((value.magnitude * Double(scale)).rounded())
        writeDigits(of: scaled / scale, minimumCount: 1)
        guard decimals > 0 else { return }
        writeInteger(UInt8(ascii: "."))
        writeDigits(of: scaled % scale, minimumCount: decimals)
    }

    /// Writes `value` in the shortest form that reads back as the same number, as a client's own price is echoed.
    mutating func writeJSONNumber(_ value: Double) {
        precondition(value.isFinite, "JSON numbers are finite")
        // Swift spells finite doubles as JSON does: `1.0842`, `1000.0`, `1e-05`.
        writeString(value.description)
    }

    private static let powersOf10: [UInt64] = (0..<10).map { exponent in
        (0..<exponent).reduce(1) { power, _ in power * 10 }
    }

    /// Writes the decimal digits of `value`, left-padded with zeros to `minimumCount`.
    private mutating func writeDigits(of value: UInt64, minimumCount: Int) {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        count = max(count, minimumCount)
        writeRepeatingByte(UInt8(ascii: "0"), count: count)
        var remaining = value
        var index = writerIndex - 1
        while remaining > 0 {
            setInteger(UInt8(ascii: "0") + UInt8(remaining % 10), at: index)
            remaining /= 10
            index -= 1
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func writeEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): writeStaticString("\\\"")
        case UInt8(ascii: "\\"): writeStaticString("\\\\")
        case UInt8(ascii: "\n"): writeStaticString("\\n")
        case UInt8(ascii: "\r"): writeStaticString("\\r")
        case UInt8(ascii: "\t"): writeStaticString("\\t")
        case ..<0x20:
            let hex: StaticString = "0123456789abcdef"
            writeStaticString("\\u00")
            writeInteger(hex.utf8Start[Int(byte >> 4)])
            writeInteger(hex.utf8Start[Int(byte & 0xF)])
        default: writeInteger(byte)
        }
    }
}
