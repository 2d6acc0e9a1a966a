import Yams

/// How large a scenario file, and what it expands to, may be. Aliases repeat the node they
/// name, so a few lines of `&a [*b, *b, …]` describe billions of nodes (a "billion laughs");
/// every part of the loader walks the expanded tree, so the expansion is counted once, right
/// after parsing and before anything else reads it, and refused past these bounds.
enum ScenarioSizeLimits {
    /// Largest scenario file read, in bytes; the shipped scenarios are about 2 KB.
    static let fileBytes = 1 << 20
    /// Most YAML nodes the file may expand to, aliases counted each time they are used.
    static let expandedNodes = 100_000
    /// Most characters all scalars together may expand to, aliases counted each time.
    static let expandedCharacters = 8 << 20
    /// Most bytes one string may have, after `${NAME}` substitution (a request body written
    /// out in the file fits; the kernel caps one environment variable at 128 KiB).
    static let stringCharacters = 256 << 10

    /// Walks `root` as everything after it will, stopping at the first node past a bound.
    /// Iterative: a deeply nested file must not overflow the stack here.
    static func checkExpansion(of root: Node, reader: YAMLNodeReader) throws(ScenarioError) {
        var pending = [root]
        var nodes = 0
        var characters = 0
        while let node = pending.popLast() {
            nodes += 1
            guard nodes <= expandedNodes else {
                throw reader.error(node, "the file expands to more than \(expandedNodes) YAML nodes (aliases repeat what they "
                                   + "name each time they are used); write the values out, or use fewer aliases")
            }
            switch node {
            case .scalar(let scalar):
                let count = scalar.string.utf8.count
                try checkString(count, at: node, reader: reader)
                characters += count
                guard characters <= expandedCharacters else {
                    throw reader.error(node, "the file expands to more than \(expandedCharacters) bytes of text "
                                       + "(aliases repeat what they name each time they are used)")
                }
            case .mapping(let mapping):
                for (key, value) in mapping { pending += [key, value] }
            case .sequence(let sequence):
                pending += sequence
            case .alias:
                break
            }
        }
    }

    /// Refuses a string of `count` bytes at `node` when it is over `stringCharacters`.
    static func checkString(_ count: Int, at node: Node, reader: YAMLNodeReader) throws(ScenarioError) {
        guard count <= stringCharacters else {
            throw reader.error(node, "a value of \(count) bytes is longer than the \(stringCharacters) bytes allowed")
        }
    }
}
