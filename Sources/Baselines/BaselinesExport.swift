import Foundation

/// The JSON document `export` writes and `importRuns` reads, so a store can move between CI
/// jobs: `{"format": "perfkit-baselines", "format_version": 1, "runs": [RunRecord, …]}`.
/// Runs use their Codable form (histograms as value/count pairs); dates are ISO 8601 UTC with
/// nanoseconds, which keeps them exact; keys are sorted and the text pretty-printed, so two
/// exports of the same runs are byte-identical and diff well.
struct BaselinesExport: Codable {
    /// The `format` value of every export.
    static let formatName = "perfkit-baselines"
    /// The `format_version` this build writes and the newest it reads.
    static let currentFormatVersion = 1

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
            try container.encode(ExactTimestamp.string(from: date))
        }
        // Rates and means are NaN or infinite for a run that measured nothing; JSON has no
        // literal for them, so they travel as strings rather than failing the export.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(self)
    }

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
            guard let date = ExactTimestamp.date(from: text) else {
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
