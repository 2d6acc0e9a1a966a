import Units

/// A duration flag value: bare seconds (`300`) or with a unit (`500ms`, `30s`, `5m`).
/// Parsed through `@Option(transform:)` so a bad value's message says what is wrong.
struct DurationArgument: Sendable, CustomStringConvertible {
    let duration: Duration

    init(_ duration: Duration) { self.duration = duration }

    static func parse(_ text: String) throws -> DurationArgument {
        DurationArgument(try DurationText.parse(text))
    }

    var description: String { DurationText.format(duration) }
}

/// A proportion flag value: `1%` or `0.01`.
struct ProportionArgument: Sendable, CustomStringConvertible {
    let value: Double

    init(_ value: Double) { self.value = value }

    static func parse(_ text: String) throws -> ProportionArgument {
        ProportionArgument(try ProportionText.parse(text))
    }

    var description: String { "\(fixed(value * 100, decimals: 2))%" }
}
