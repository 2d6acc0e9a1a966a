import Foundation
import Units

/// The JSON document `export` writes and `importRuns` reads, so a store can move between CI
/// jobs: `{"format": "perfkit-baselines", "format_version": 2, "runs": [RunRecord, …]}`.
/// Runs use their Codable form (histograms as value/count pairs); dates are ISO 8601 UTC with
/// nanoseconds, which keeps them exact; keys are sorted and the text pretty-printed (arrays of
/// numbers on one line), so two exports of the same runs are byte-identical and diff well.
package struct BaselinesExport: Codable {
    /// The `format` value of every export.
    static let formatName = "perfkit-baselines"
    /// The `format_version` this build writes and the newest it reads. Version 2 added runs'
    /// `group`: a perfkit that reads only version 1 would take a group's segments for
    /// separate runs, so it must refuse such an export rather than misread it.
    static let currentFormatVersion = 2

    var format: String
    var formatVersion: Int
    var runs: [RunRecord]

    private enum CodingKeys: String, CodingKey {
        case format
        case formatVersion = "format_version"
        case runs
    }

    /// A document of `runs` in the current format.
    init(runs: [RunRecord]) {
        format = Self.formatName
        formatVersion = Self.currentFormatVersion
        self.runs = runs
    }

    /// The document as JSON.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.string(from: date, precision: .nanoseconds))
        }
        // Rates and means are NaN or infinite for a run that measured nothing; JSON has no
        // literal for them, so they travel as strings rather than failing the export.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return Self.joiningNumberArrays(try encoder.encode(self))
    }

    /// Pretty-printed JSON with every array of numbers on one line. A histogram holds
    /// thousands of (value, count) pairs; one number a line would make an export four times
    /// larger and slower to write and read, and no easier to read.
    ///
    /// An array qualifies when only number characters, commas and whitespace stand between its
    /// brackets and it spans lines; raw line breaks never occur inside JSON strings, so text
    /// in a string is never touched.
    static func joiningNumberArrays(_ json: Data) -> Data {
        let input = [UInt8](json)
        var output = [UInt8]()
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            guard input[index] == UInt8(ascii: "[") else {
                output.append(input[index])
                index += 1
                continue
            }
            var end = index + 1
            var spansLines = false
            while end < input.count, numberArrayBytes[Int(input[end])] {
                spansLines = spansLines || input[end] == UInt8(ascii: "\n")
                end += 1
            }
            guard end < input.count, input[end] == UInt8(ascii: "]"), spansLines else {
                output.append(input[index])
                index += 1
                continue
            }
            output.append(UInt8(ascii: "["))
            var position = index + 1
            while position < end {
                if input[position] == UInt8(ascii: "\n") {
                    while position < end, input[position] == UInt8(ascii: "\n") || input[position] == UInt8(ascii: " ") {
                        position += 1
                    }
                    if output.last == UInt8(ascii: ","), position < end { output.append(UInt8(ascii: " ")) }
                } else {
                    output.append(input[position])
                    position += 1
                }
            }
            output.append(UInt8(ascii: "]"))
            index = end + 1
        }
        return Data(output)
    }

    /// What may stand between the brackets of an array of numbers, as a table by byte value.
    private static let numberArrayBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "0123456789-+.eE, \n".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// Reads an export, saying what is wrong (in a user's words) when `data` is not one.
    static func decode(_ data: Data) throws(ImportProblem) -> BaselinesExport {
        struct Header: Decodable {
            var format: String?
            var formatVersion: Int?
            private enum CodingKeys: String, CodingKey {
                case format
                case formatVersion = "format_version"
            }
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 date")
            }
            return date
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw ImportProblem("it is not a JSON object")
        }
        guard header.format == formatName else {
            throw ImportProblem("its \"format\" is \(header.format.map { "'\($0)'" } ?? "missing"), "
                                + "expected '\(formatName)'")
        }
        guard let version = header.formatVersion, (1...currentFormatVersion).contains(version) else {
            throw ImportProblem("its \"format_version\" is \(header.formatVersion.map(String.init) ?? "missing"); "
                                + "this perfkit reads versions 1 to \(currentFormatVersion), so upgrade perfkit")
        }
        do {
            return try decoder.decode(BaselinesExport.self, from: data)
        } catch let error as DecodingError {
            throw ImportProblem(Self.describe(error))
        } catch {
            throw ImportProblem(String(describing: error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let joined = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return joined.hasPrefix(".") ? String(joined.dropFirst()) : joined
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}

/// Why data handed to `importRuns` is not an export; becomes `StoreError.invalidImport`.
struct ImportProblem: Error {
    let detail: String

    init(_ detail: String) {
        self.detail = detail
    }
}
