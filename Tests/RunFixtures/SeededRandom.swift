import Foundation
import Units

/// A seeded generator for synthetic runs, so every test sees the same data on every machine:
/// perfkit's SplitMix64 with the uniform and normal draws the run builder needs.
public struct SeededRandom: RandomNumberGenerator {
    private var generator: SplitMix64

    public init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    public mutating func next() -> UInt64 { generator.next() }

    /// A uniform value in [0, 1).
    public mutating func uniform() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// A standard normal value (Box-Muller).
    public mutating func normal() -> Double {
        let u1 = max(uniform(), .leastNormalMagnitude)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
