import Baselines
import Foundation
import Reports
import Testing

/// Version names, steps, URLs, configurations and commands come from users: the report shows
/// them as text, whatever they contain.
@Suite struct HTMLEscapingTests {
    private static let hostileVersion = #"v1<script>alert("x")</script>&'"#
    private static let hostileStep = #"GET /a?b=<c>&d="e"</section><img src=http://evil/x>"#
    private static let hostileCommand = "perfkit report --current-version='</style><script src=//evil></script>' \u{1}\u{7}"
    private static let hostileConfig = #"{"command":"latency","headers":{"X":"</pre><a href=\"https://evil\">x</a>"}}"#

    private func hostileReport() -> String {
        func hostile(_ runs: [RunRecord]) -> [RunRecord] {
            runs.map { run in
                var changed = run
                changed.step = Self.hostileStep
                changed.configJSON = Self.hostileConfig
                changed.targetURL = "http://127.0.0.1:8083/?q=<b>&x=\"y\""
                return changed
            }
        }
        let baseline = hostile(HTMLFixtures.runs(HTMLFixtures.builder("v1.2.2"), count: 1, firstID: 1))
        let current = hostile(HTMLFixtures.runs(HTMLFixtures.builder(Self.hostileVersion), count: 1, firstID: 2))
        let origin = ReportOrigin(command: Self.hostileCommand, perfkitVersion: "test", generatedAt: Date())
        return HTMLFixtures.report(baseline: baseline, current: current, origin: origin).html
    }

    @Test func hostileTextStaysTextAndTheDocumentStaysWellFormed() throws {
        let html = hostileReport()
        let parsed = try ParsedReport(html)
        #expect(parsed.elements("script").isEmpty)
        #expect(parsed.elements("img").isEmpty)
        #expect(parsed.attributeValues("href").allSatisfy { $0.hasPrefix("#") })
        #expect(parsed.attributeValues("src").isEmpty)
        #expect(parsed.elements("section", class: "step").count == 1, "a step name cannot close its section")
        #expect(!html.contains("<script") && html.components(separatedBy: "</style>").count == 2, "one stylesheet closes")
    }

    @Test func hostileTextReadsBackExactly() throws {
        let parsed = try ParsedReport(hostileReport())
        #expect(parsed.elements("h1").first?.stringValue == "Comparing \(Self.hostileVersion) (current) with v1.2.2 (baseline)")
        #expect(parsed.elements("h2").first?.stringValue?.hasPrefix("latency \(Self.hostileStep)") == true)
        #expect(parsed.elements("pre").contains { $0.stringValue == Self.hostileConfig })
        // Control characters cannot appear in XML 1.0: they are dropped, the rest is kept.
        #expect(parsed.elements("pre", class: "command").first?.stringValue
            == "perfkit report --current-version='</style><script src=//evil></script>' ")
        let titles = parsed.elements("title").compactMap(\.stringValue)
        #expect(titles.contains { $0.hasPrefix("\(Self.hostileVersion) latency: p50 ") })
    }
}
