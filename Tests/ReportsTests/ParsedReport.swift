import Foundation
import FoundationXML

/// An HTML report parsed as XML, which it must be, with the queries the tests make.
struct ParsedReport {
    let document: XMLDocument

    init(_ html: String) throws {
        document = try XMLDocument(xmlString: html)
    }

    /// Every element named `name` (and carrying `cssClass` among its classes, when given), in document order.
    func elements(_ name: String, class cssClass: String? = nil, in root: XMLNode? = nil) -> [XMLElement] {
        var found: [XMLElement] = []
        func visit(_ node: XMLNode) {
            if let element = node as? XMLElement, element.localName == name,
               cssClass.map({ element.classes.contains($0) }) ?? true {
                found.append(element)
            }
            for child in node.children ?? [] { visit(child) }
        }
        visit(root ?? document)
        return found
    }

    /// Every value of an attribute named `name` (in any namespace, so `xlink:href` too).
    func attributeValues(_ name: String) -> [String] {
        var values: [String] = []
        func visit(_ node: XMLNode) {
            if let element = node as? XMLElement {
                values += (element.attributes ?? []).filter { $0.localName == name }.compactMap(\.stringValue)
            }
            for child in node.children ?? [] { visit(child) }
        }
        visit(document)
        return values
    }

    /// The step sections, in order.
    var steps: [XMLElement] { elements("section", class: "step") }

    /// The cells of each body row of the verdict tables under `root`.
    func verdictRows(in root: XMLNode? = nil) -> [[String]] {
        elements("table", class: "verdicts", in: root).flatMap { table in
            elements("tr", in: elements("tbody", in: table).first).map { row in
                elements("td", in: row).map { $0.stringValue ?? "" }
            }
        }
    }

    /// The `d` of every data line (`path.series`, legend samples left out) in `chart`.
    func seriesPaths(in chart: XMLElement) -> [String] {
        let legends = Set(elements("g", class: "legend", in: chart).flatMap { elements("path", in: $0) }.map(ObjectIdentifier.init))
        return elements("path", class: "series", in: chart).filter { !legends.contains(ObjectIdentifier($0)) }
            .map { path in (path.attributes ?? []).first { $0.localName == "d" }?.stringValue ?? "" }
    }
}

extension XMLElement {
    /// The words of the `class` attribute.
    var classes: [String] {
        // By local name: `attribute(forName:)` misses attributes of namespaced elements.
        ((attributes ?? []).first { $0.localName == "class" }?.stringValue ?? "").split(separator: " ").map(String.init)
    }
}

extension XMLElement {
    /// The text of the element's `<title>` child: its tooltip.
    var title: String? {
        children?.first { $0.localName == "title" }?.stringValue
    }

    /// The points of a path made of `M` and `L` commands.
    var pathPoints: [(x: Double, y: Double)] {
        let data = (attributes ?? []).first { $0.localName == "d" }?.stringValue ?? ""
        return data.split(whereSeparator: { $0 == "M" || $0 == "L" }).compactMap { pair in
            let numbers = pair.split(separator: " ").compactMap { Double($0) }
            return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
        }
    }
}
