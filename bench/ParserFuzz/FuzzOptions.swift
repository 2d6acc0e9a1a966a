import Foundation

/// The fuzzer's bounds: it stops after `count` streams or `seconds`, whichever comes first.
struct FuzzOptions {
    var count = 20_000
    var seconds = 60
    var seed: UInt64 = 1
    /// Examples printed per kind of finding.
    var examples = 2

    init<Arguments: Sequence<String>>(_ arguments: Arguments) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next() else { Self.usage("\(flag) needs a value") }
            switch flag {
            case "--count": count = Self.number(flag, value)
            case "--seconds": seconds = Self.number(flag, value)
            case "--seed": seed = UInt64(Self.number(flag, value))
            case "--examples": examples = Self.number(flag, value)
            default: Self.usage("unknown flag \(flag)")
            }
        }
    }

    private static func number(_ flag: String, _ value: String) -> Int {
        guard let number = Int(value), number >= 0 else { usage("\(flag) takes a whole number, got \(value)") }
        return number
    }

    private static func usage(_ problem: String) -> Never {
        print("parser-fuzz: \(problem)\nusage: parser-fuzz [--count N] [--seconds S] [--seed N] [--examples N]")
        exit(2)
    }
}
