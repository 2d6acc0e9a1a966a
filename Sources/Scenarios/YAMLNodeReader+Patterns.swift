import Foundation
import Yams

extension YAMLNodeReader {
    /// A JSON path (`$.order.id`).
    func jsonPath(_ node: Node, what: String) throws(ScenarioError) -> JSONPath {
        let text = try nonEmptyText(node, what: what)
        do {
            return try JSONPath(text)
        } catch {
            throw self.error(node, "\(what): \(error.message)")
        }
    }

    /// A regular expression, compiled once here.
    func regex(_ node: Node, what: String) throws(ScenarioError) -> (NSRegularExpression, String) {
        let pattern = try nonEmptyText(node, what: what)
        do {
            return (try NSRegularExpression(pattern: pattern), pattern)
        } catch {
            throw self.error(node, "\(what): '\(pattern)' is not a valid regular expression")
        }
    }
}
