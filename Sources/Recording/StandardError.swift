import Baselines
import Foundation

/// Writes `perfkit: message` to stderr, with any URL in it redacted: what a run did and what
/// went wrong, kept off stdout so that `--format json` stays a document.
public func printError(_ message: String) {
    FileHandle.standardError.write(Data("perfkit: \(Redaction.redactURLs(in: message))\n".utf8))
}
