/// Fixed-point printing without Foundation's locale-dependent formatters.
public func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let sign = value < 0 && scaled > 0 ? "-" : ""
    guard scaled < 9e18 else { return "\(value)" }
    let whole = UInt64(scaled)
    let integerPart = whole / UInt64(scale)
    guard decimals > 0 else { return "\(sign)\(integerPart)" }
    let fraction = String(whole % UInt64(scale))
    let padded = String(repeating: "0", count: decimals - fraction.count) + fraction
    return "\(sign)\(integerPart).\(padded)"
}

/// Reads a proportion written as a percentage (`1%`, `0.5%`) or a fraction (`0.01`).
public enum ProportionText {
    /// Why a proportion could not be read.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// The text that was given.
        public let text: String

        /// Creates the error for `text`.
        public init(text: String) { self.text = text }
        public var description: String {
            "'\(text)' is not a proportion; write a percentage such as 1% or a fraction such as 0.01"
        }
    }

    /// Returns the proportion in 0...1.
    public static func parse(_ text: String) throws(ParseError) -> Double {
        let trimmed = text.trimmingSpaces()
        let isPercent = trimmed.hasSuffix("%")
        let number = isPercent ? String(trimmed.dropLast()) : trimmed
        guard let value = Double(number), value.isFinite, value >= 0 else { throw ParseError(text: text) }
        let proportion = isPercent ? value / 100 : value
        guard proportion <= 1 else { throw ParseError(text: text) }
        return proportion
    }
}
