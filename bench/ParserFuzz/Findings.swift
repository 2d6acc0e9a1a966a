/// What the fuzzer found, grouped by kind (recipe and which parser accepted), with the first
/// few examples of each.
struct Findings {
    private struct Group {
        var count = 0
        var examples: [String] = []
    }

    let examples: Int
    private var groups: [String: Group] = [:]
    /// Whether anything was found that is neither a mutated stream nor a documented difference.
    private(set) var unexpected = false

    init(examples: Int) {
        self.examples = examples
    }

    mutating func disagreement(recipe: String, bytes: [UInt8], perfkit: Verdict, llhttp: Verdict) {
        let direction = switch (perfkit.accepted, llhttp.accepted) {
        case (true, false): "perfkit accepts, llhttp rejects"
        case (false, true): "perfkit rejects, llhttp accepts"
        default: "both accept, different responses"
        }
        // A mutated stream's recipe says little: group it by the rejecting parser's reason.
        let reason = perfkit.rejection ?? llhttp.rejection ?? "same verdict"
        let name = recipe.hasSuffix("+mutated") ? "mutated (\(reason))" : recipe
        if !recipe.hasSuffix("+mutated"), KnownDifferences.reason(for: name) == nil { unexpected = true }
        record("\(name): \(direction)", "\(escaped(bytes))\n      perfkit: \(perfkit)\n      llhttp:  \(llhttp)")
    }

    mutating func inconsistency(parser: String, recipe: String, bytes: [UInt8], reads: [Int], whole: Verdict, split: Verdict) {
        if parser == "perfkit" { unexpected = true }
        record("\(parser) depends on where reads end (\(recipe))",
               "\(escaped(bytes)) reads \(reads.prefix(3))\(reads.count > 3 ? "…" : "")\n      whole: \(whole)\n      split: \(split)")
    }

    private mutating func record(_ kind: String, _ example: String) {
        groups[kind, default: Group()].count += 1
        if groups[kind]!.examples.count < examples { groups[kind]!.examples.append(example) }
    }

    func print() {
        guard !groups.isEmpty else { return Swift.print("no disagreements") }
        for (kind, group) in groups.sorted(by: { $0.key < $1.key }) {
            let known = KnownDifferences.reason(for: String(kind.prefix { $0 != ":" })).map { " [intended: \($0)]" } ?? ""
            Swift.print("\(group.count)× \(kind)\(known)")
            for example in group.examples { Swift.print("    \(example)") }
        }
    }

    private func escaped(_ bytes: [UInt8]) -> String {
        "\"" + bytes.map { byte in
            switch byte {
            case 13: "\\r"
            case 10: "\\n"
            case 9: "\\t"
            case 34: "\\\""
            case 92: "\\\\"
            case 32...126: String(UnicodeScalar(byte))
            default: "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }.joined() + "\""
    }
}
