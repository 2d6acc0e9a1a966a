import Foundation
import Synchronization

/// A check's regular expression that remembers whether short texts matched it: the values a
/// flow checks with `matches` (a status, a side) take a handful of forms, and
/// NSRegularExpression costs about 1.5 µs a match where a lookup costs tens of nanoseconds.
/// Bounded: texts longer than `longestText` bytes are matched every time, and once `capacity`
/// texts are remembered new ones are matched without being kept.
public final class MemoizedRegex: Sendable {
    /// The longest text, in UTF-8 bytes, whose verdict is remembered.
    static let longestText = 64
    /// How many verdicts are remembered at most.
    static let capacity = 256

    private let expression: NSRegularExpression
    private let verdicts = Mutex<[String: Bool]>([:])

    public init(_ expression: NSRegularExpression) { self.expression = expression }

    /// Whether the expression matches somewhere in `text`.
    public func matches(_ text: String) -> Bool {
        guard text.utf8.count <= Self.longestText else { return match(text) }
        if let known = verdicts.withLock({ $0[text] }) { return known }
        let matched = match(text)
        verdicts.withLock { verdicts in
            if verdicts.count < Self.capacity { verdicts[text] = matched }
        }
        return matched
    }

    /// How many texts are remembered (tests check the bound).
    var rememberedCount: Int { verdicts.withLock { $0.count } }

    private func match(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
