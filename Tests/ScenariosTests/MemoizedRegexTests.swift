import Foundation
@testable import Scenarios
import Testing

/// A `matches` check's expression gives the verdict NSRegularExpression gives, whether the text
/// was seen before or not, and remembers a bounded number of short texts only.
struct MemoizedRegexTests {
    private static func regex(_ pattern: String) throws -> MemoizedRegex {
        MemoizedRegex(try NSRegularExpression(pattern: pattern))
    }

    @Test func verdictsAreTheSameTheFirstTimeAndAfter() throws {
        let regex = try Self.regex("^(new|filled)$")
        for _ in 0..<3 {
            #expect(regex.matches("new"))
            #expect(regex.matches("filled"))
            #expect(!regex.matches("cancelled"))
            #expect(!regex.matches("new "))
            #expect(!regex.matches(""))
        }
        #expect(regex.rememberedCount == 5)
    }

    @Test func longTextsAreMatchedButNotRemembered() throws {
        let regex = try Self.regex("z$")
        let long = String(repeating: "a", count: MemoizedRegex.longestText) + "z"
        #expect(regex.matches(long))
        #expect(!regex.matches(long + "a"))
        #expect(regex.rememberedCount == 0)
    }

    @Test func rememberingStopsAtCapacityWhileVerdictsStayRight() throws {
        let regex = try Self.regex("^[0-9]*[02468]$")
        for number in 0..<(MemoizedRegex.capacity * 2) { #expect(regex.matches(String(number)) == number.isMultiple(of: 2)) }
        #expect(regex.rememberedCount == MemoizedRegex.capacity)
        for number in 0..<(MemoizedRegex.capacity * 2) { #expect(regex.matches(String(number)) == number.isMultiple(of: 2)) }
    }
}
