import Foundation
import Testing
import TestSupport

/// The comparison report opened in a real headless Chromium: what the browser built from the
/// file and what it painted, in the light and the dark colour scheme.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct BrowserRenderTests {
    private let folder: TemporaryFolder
    private let report = HTMLFixtures.slowdown()
    private var page: URL { folder.url.appendingPathComponent("report.html") }

    /// The stylesheet's colours: page background, baseline and current version, light then dark.
    private static let light = (background: UInt32(0xFFFFFF), baseline: UInt32(0x2F6DB5), current: UInt32(0xE8590C))
    private static let dark = (background: UInt32(0x121519), baseline: UInt32(0x74A7F0), current: UInt32(0xFF9A47))

    init() throws {
        folder = try TemporaryFolder()
        try report.html.write(to: page, atomically: true, encoding: .utf8)
    }

    @Test func renderedDOMHasEveryChartAndTheVerdictRows() async throws {
        let screenshot = folder.url.appendingPathComponent("light.png")
        let output = try await HeadlessChromium.open(page, width: 1280, height: 2000,
                                                     arguments: ["--dump-dom", "--screenshot=\(screenshot.path)"])
        let dom = output.stdout
        #expect(dom.contains("</html>"), "no DOM dumped: \(output.stderr.suffix(500))")

        // Two steps, each with a spectrum, a phase chart and a timeline per run (3 + 3).
        #expect(occurrences(of: #"class="chart spectrum""#, in: dom) == 2)
        #expect(occurrences(of: #"class="chart phases""#, in: dom) == 2)
        #expect(occurrences(of: #"class="chart timeline""#, in: dom) == 12)
        let seriesPaths = matches(#"<path class="series [^"]*" d="([^"]*)""#, in: dom)
        #expect(seriesPaths.allSatisfy { $0.hasPrefix("M") }, "no empty series path")
        // Four lines per spectrum (two versions, latency and service time) and per timeline
        // (intended and achieved rate, p95, errors); legend samples are single strokes.
        #expect(seriesPaths.count { $0.contains("L") } >= 2 * 4 + 12 * 4)
        #expect(occurrences(of: #"<rect class="bar "#, in: dom) >= 2 * 8, "phase bars of both versions")

        // The browser kept the verdict tables whole: one row per comparison row, regressions marked.
        // Only verdict rows carry a class: the run tables' rows have none.
        #expect(occurrences(of: #"<tr class=""#, in: dom) == report.comparison.rows.count)
        #expect(occurrences(of: #"<tr class="regression">"#, in: dom) == report.comparison.regressions.count)
        #expect(dom.contains("RESULT: REGRESSION (\(report.comparison.regressions.count) rows)"))

        let image = try PNGImage(data: Data(contentsOf: screenshot))
        #expect(image.width == 1280 && image.height == 2000)
        let pixels = image.width * image.height
        #expect(image.count(Self.light.background) > pixels / 5, "page background around the panels")
        #expect(image.count(Self.light.baseline, tolerance: 6) > 300, "baseline version's lines and bars")
        #expect(image.count(Self.light.current, tolerance: 6) > 300, "current version's lines and bars")
    }

    @Test func darkSchemeRepaintsBackgroundAndCharts() async throws {
        let screenshot = folder.url.appendingPathComponent("dark.png")
        _ = try await HeadlessChromium.open(page, width: 1280, height: 1400,
                                            arguments: ["--force-dark-mode", "--screenshot=\(screenshot.path)"])
        let image = try PNGImage(data: Data(contentsOf: screenshot))
        let pixels = image.width * image.height
        #expect(image.count(Self.dark.background) > pixels / 5, "dark background around the panels")
        #expect(image.count(Self.light.background) < pixels / 100, "no light page left")
        #expect(image.count(Self.dark.baseline, tolerance: 6) > 300)
        #expect(image.count(Self.dark.current, tolerance: 6) > 300)
    }

    private func occurrences(of text: String, in dom: String) -> Int {
        dom.components(separatedBy: text).count - 1
    }

    private func matches(_ pattern: String, in dom: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).compactMap {
            Range($0.range(at: 1), in: dom).map { String(dom[$0]) }
        }
    }
}
