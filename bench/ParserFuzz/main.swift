import Foundation

// Differential fuzzing of perfkit's HTTP/1.x response parser against llhttp (in SwiftNIO):
// see bench/README.md. Usage: parser-fuzz [--count N] [--seconds S] [--seed N] [--examples N]

let options = FuzzOptions(CommandLine.arguments.dropFirst())
var generator = ResponseGenerator(seed: options.seed)
var findings = Findings(examples: options.examples)
let deadline = ContinuousClock.now + .seconds(options.seconds)
var tried = 0
while tried < options.count, ContinuousClock.now < deadline {
    let (recipe, bytes) = generator.next()
    tried += 1
    let whole = [bytes.count]
    let perfkit = PerfkitParser.verdict(bytes, reads: whole)
    let requests = 8
    let llhttp = LLHTTPParser.verdict(bytes, reads: whole, requests: requests)
    if !perfkit.agrees(with: llhttp) { findings.disagreement(recipe: recipe, bytes: bytes, perfkit: perfkit, llhttp: llhttp) }
    // The same bytes split in two at every offset, and one byte per read: a parser must not
    // depend on where reads end.
    let splits = (1..<max(1, bytes.count)).map { [$0, bytes.count - $0] } + [Array(repeating: 1, count: bytes.count)]
    for reads in splits {
        let split = PerfkitParser.verdict(bytes, reads: reads)
        if split != perfkit { findings.inconsistency(parser: "perfkit", recipe: recipe, bytes: bytes, reads: reads, whole: perfkit, split: split) }
    }
    let dripped = LLHTTPParser.verdict(bytes, reads: splits.last!, requests: requests)
    if dripped != llhttp { findings.inconsistency(parser: "llhttp", recipe: recipe, bytes: bytes, reads: splits.last!, whole: llhttp, split: dripped) }
}
print("parser-fuzz: \(tried) streams (seed \(options.seed))")
findings.print()
exit(findings.unexpected ? 1 : 0)
