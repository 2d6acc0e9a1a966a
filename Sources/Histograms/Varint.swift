import Foundation

/// Appends unsigned LEB128 varints: 7 bits a byte, low bits first, so the small numbers that
/// dominate a sparse histogram (bucket deltas, counts) take one or two bytes.
struct VarintWriter {
    /// The bytes written so far.
    private(set) var data = Data()

    /// Appends one byte as is.
    mutating func append(byte: UInt8) {
        data.append(byte)
    }

    /// Appends `value` in 1 to 10 bytes.
    mutating func append(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            data.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        data.append(UInt8(rest))
    }
}

/// Reads what `VarintWriter` wrote, rejecting truncated and over-long input.
struct VarintReader {
    private let bytes: [UInt8]
    private var offset = 0

    /// Reads from the start of `data`.
    init(_ data: Data) {
        bytes = [UInt8](data)
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { offset == bytes.count }

    /// Bytes not read yet.
    var remaining: Int { bytes.count - offset }

    /// The next byte.
    mutating func byte() throws(HistogramEncodingError) -> UInt8 {
        guard offset < bytes.count else { throw HistogramEncodingError(detail: "truncated at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next varint.
    mutating func varint() throws(HistogramEncodingError) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            let payload = UInt64(next & 0x7f)
            // The tenth byte may carry only the top bit of a 64-bit value.
            guard shift < 63 || (shift == 63 && payload <= 1) else {
                throw HistogramEncodingError(detail: "varint at byte \(start) exceeds 64 bits")
            }
            value |= payload << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
    }
}
