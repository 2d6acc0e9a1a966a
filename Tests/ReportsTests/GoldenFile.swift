import Foundation
import Recording
import Testing

/// Expected outputs kept as files beside the tests (`Golden/`): a renderer's whole output is
/// compared, so any change a user would see shows up as a failing test and a reviewable diff.
/// `PERFKIT_UPDATE_GOLDEN=1 swift test --filter GoldenOutputTests` rewrites them.
enum GoldenFile {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Checks `output` against `Golden/name` line by line, naming the first line that differs.
    static func check(_ output: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PERFKIT_UPDATE_GOLDEN"] == "1" {
            try Data((output + "\n").utf8).write(to: file)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let actualLines = (output + "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let line = zip(expectedLines, actualLines).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            Issue.record("\(name):\(line.offset + 1) differs:\n  expected: \(line.element.0)\n  actual:   \(line.element.1)",
                         sourceLocation: sourceLocation)
        }
        #expect(expectedLines.count == actualLines.count, "\(name): line count", sourceLocation: sourceLocation)
    }

    /// A fixture from `Golden/inputs/`: a JSON summary as `perfkit --format json` writes it.
    static func input<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try RunSummary.decoder.decode(type, from: Data(contentsOf: folder.appendingPathComponent("inputs/" + name)))
    }
}
