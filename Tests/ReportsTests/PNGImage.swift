import Foundation
import Glibc

/// A decoded 8-bit RGB or RGBA PNG, as Chromium writes screenshots: enough of the format to
/// count colours in a screenshot. Inflates with the system's zlib (loaded at run time: it is
/// always there, libcurl needs it), so the tests need no image library.
struct PNGImage {
    let width: Int
    let height: Int
    /// Bytes per pixel: 3 (RGB) or 4 (RGBA).
    let channels: Int
    /// Unfiltered pixel rows, `width * channels` bytes each.
    let pixels: [UInt8]

    enum DecodingError: Error, CustomStringConvertible {
        case notAPNG
        case unsupported(String)
        case corrupt(String)

        var description: String {
            switch self {
            case .notAPNG: "not a PNG file"
            case .unsupported(let what): "unsupported PNG: \(what)"
            case .corrupt(let what): "corrupt PNG: \(what)"
            }
        }
    }

    init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw DecodingError.notAPNG }
        func bigEndian(_ offset: Int) -> Int {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        var offset = 8
        var header: (width: Int, height: Int, depth: UInt8, colourType: UInt8, interlace: UInt8)?
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = bigEndian(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let body = offset + 8
            guard body + length <= bytes.count else { throw DecodingError.corrupt("chunk \(type) runs past the end") }
            switch type {
            case "IHDR":
                header = (bigEndian(body), bigEndian(body + 4), bytes[body + 8], bytes[body + 9], bytes[body + 12])
            case "IDAT":
                compressed += bytes[body..<body + length]
            default:
                break
            }
            offset = body + length + 4
        }
        guard let header else { throw DecodingError.corrupt("no IHDR chunk") }
        guard header.depth == 8, header.interlace == 0, header.colourType == 2 || header.colourType == 6 else {
            throw DecodingError.unsupported("depth \(header.depth), colour type \(header.colourType), interlace \(header.interlace)")
        }
        width = header.width
        height = header.height
        channels = header.colourType == 2 ? 3 : 4
        let stride = width * channels
        let raw = try Self.inflate(compressed, expectedSize: height * (stride + 1))
        pixels = try Self.unfilter(raw, rows: height, stride: stride, bytesPerPixel: channels)
    }

    /// How many pixels are within `tolerance` of `colour` (0xRRGGBB) in every channel.
    func count(_ colour: UInt32, tolerance: Int = 0) -> Int {
        let target = [Int(colour >> 16 & 0xFF), Int(colour >> 8 & 0xFF), Int(colour & 0xFF)]
        return pixels.withUnsafeBufferPointer { buffer in
            var matches = 0
            var index = 0
            while index < buffer.count {
                if abs(Int(buffer[index]) - target[0]) <= tolerance, abs(Int(buffer[index + 1]) - target[1]) <= tolerance,
                   abs(Int(buffer[index + 2]) - target[2]) <= tolerance {
                    matches += 1
                }
                index += channels
            }
            return matches
        }
    }

    private static func inflate(_ compressed: [UInt8], expectedSize: Int) throws -> [UInt8] {
        typealias Uncompress = @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?,
                                               UnsafePointer<UInt8>?, UInt) -> Int32
        guard let zlib = dlopen("libz.so.1", RTLD_NOW), let symbol = dlsym(zlib, "uncompress") else {
            throw DecodingError.unsupported("libz.so.1 cannot be loaded")
        }
        let uncompress = unsafeBitCast(symbol, to: Uncompress.self)
        var output = [UInt8](repeating: 0, count: expectedSize)
        var size = UInt(expectedSize)
        let status = output.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &size, input.baseAddress, UInt(input.count))
            }
        }
        guard status == 0, size == UInt(expectedSize) else {
            throw DecodingError.corrupt("zlib status \(status), \(size) of \(expectedSize) bytes")
        }
        return output
    }

    /// Undoes PNG's per-row filters (none, sub, up, average, Paeth).
    private static func unfilter(_ raw: [UInt8], rows: Int, stride: Int, bytesPerPixel: Int) throws -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: rows * stride)
        try pixels.withUnsafeMutableBufferPointer { out in
            try raw.withUnsafeBufferPointer { input in
                for row in 0..<rows {
                    let filter = input[row * (stride + 1)]
                    let source = row * (stride + 1) + 1, target = row * stride
                    for column in 0..<stride {
                        let left = column >= bytesPerPixel ? Int(out[target + column - bytesPerPixel]) : 0
                        let up = row > 0 ? Int(out[target - stride + column]) : 0
                        let upLeft = row > 0 && column >= bytesPerPixel ? Int(out[target - stride + column - bytesPerPixel]) : 0
                        let predicted: Int
                        switch filter {
                        case 0: predicted = 0
                        case 1: predicted = left
                        case 2: predicted = up
                        case 3: predicted = (left + up) / 2
                        case 4:
                            let estimate = left + up - upLeft
                            let (toLeft, toUp, toUpLeft) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                            predicted = toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft
                        default: throw DecodingError.corrupt("filter \(filter) on row \(row)")
                        }
                        out[target + column] = UInt8(truncatingIfNeeded: Int(input[source + column]) + predicted)
                    }
                }
            }
        }
        return pixels
    }
}
