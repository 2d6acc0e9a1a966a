import Foundation

extension HistogramSnapshot {
    /// Version tag of the binary form; a reader refuses tags it does not know.
    static let binaryFormatVersion: UInt8 = 1

    /// The compact binary form stored in SQLite, all numbers LEB128 varints:
    ///
    ///     version:u8 lowest highest digits:u8 flags:u8 max min bucketCount bucket*
    ///
    /// `flags` bit 0 is `autoResize`; a `min` of 0 means no non-zero value was recorded. A
    /// bucket right after the previous one (the common case in the body of a latency
    /// distribution) is just its count, one byte for counts under 128; any other bucket is a
    /// 0 marker, then its distance from the previous bucket value (from 0 for the first), then
    /// its count. A realistic 3-digit latency histogram takes a few KB, against ~35 KB for
    /// `Histogram`'s dense Codable form.
    public func encoded() -> Data {
        var writer = VarintWriter()
        writer.append(byte: Self.binaryFormatVersion)
        writer.append(lowestDiscernibleValue)
        writer.append(highestTrackableValue)
        writer.append(byte: UInt8(clamping: significantDigits))
        writer.append(byte: autoResize ? 1 : 0)
        writer.append(maxValue)
        writer.append(minNonZeroValue ?? 0)
        writer.append(UInt64(values.count))
        let layout = HistogramLayout(lowestDiscernibleValue: lowestDiscernibleValue,
                                     highestTrackableValue: highestTrackableValue, significantDigits: significantDigits)
        var previous: UInt64?
        for (value, count) in zip(values, counts) {
            if let previous, count > 0, layout?.nextBucketValue(after: previous) == value {
                writer.append(count)
            } else {
                writer.append(0)
                writer.append(value &- (previous ?? 0))
                writer.append(count)
            }
            previous = value
        }
        return writer.data
    }

    /// Decodes `encoded()`'s output, checking it can be rebuilt exactly.
    public init(encoded data: Data) throws(HistogramEncodingError) {
        var reader = VarintReader(data)
        let version = try reader.byte()
        guard version == Self.binaryFormatVersion else {
            throw HistogramEncodingError(detail: "unknown format version \(version); written by a newer perfkit?")
        }
        lowestDiscernibleValue = try reader.varint()
        highestTrackableValue = try reader.varint()
        significantDigits = Int(try reader.byte())
        let flags = try reader.byte()
        guard flags <= 1 else { throw HistogramEncodingError(detail: "unknown flags \(flags)") }
        autoResize = flags == 1
        maxValue = try reader.varint()
        let minimum = try reader.varint()
        minNonZeroValue = minimum == 0 ? nil : minimum
        guard let layout = HistogramLayout(lowestDiscernibleValue: lowestDiscernibleValue,
                                           highestTrackableValue: highestTrackableValue,
                                           significantDigits: significantDigits) else {
            throw HistogramEncodingError(detail: "unsupported configuration: lowest \(lowestDiscernibleValue), "
                                            + "highest \(highestTrackableValue), \(significantDigits) digits")
        }
        let bucketCount = try reader.varint()
        // Each bucket takes at least a byte: a larger count is damage, not a reason to allocate.
        guard bucketCount <= UInt64(reader.remaining) else {
            throw HistogramEncodingError(detail: "\(bucketCount) buckets announced in \(reader.remaining) bytes")
        }
        values = []
        counts = []
        values.reserveCapacity(Int(bucketCount))
        counts.reserveCapacity(Int(bucketCount))
        for index in 0..<Int(bucketCount) {
            let token = try reader.varint()
            let previous = values.last
            if token > 0, let previous {
                guard let value = layout.nextBucketValue(after: previous) else {
                    throw HistogramEncodingError(detail: "bucket \(index) lies beyond 64 bits")
                }
                values.append(value)
                counts.append(token)
            } else {
                guard token == 0 else { throw HistogramEncodingError(detail: "the first bucket has no value") }
                let (value, overflow) = (previous ?? 0).addingReportingOverflow(try reader.varint())
                guard !overflow else { throw HistogramEncodingError(detail: "bucket \(index) lies beyond 64 bits") }
                values.append(value)
                counts.append(try reader.varint())
            }
        }
        guard reader.isAtEnd else {
            throw HistogramEncodingError(detail: "\(reader.remaining) bytes after the last bucket")
        }
        if let problem = validationProblem() { throw HistogramEncodingError(detail: problem) }
    }
}
