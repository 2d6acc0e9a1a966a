import Foundation

/// One line of newline-delimited JSON, as the monitor and the canary judge print them while they
/// run: snake_case keys in sorted order, one object per line.
enum JSONLine {
    /// `line` as one line of JSON. A value JSON has no number for (a relative change from a zero
    /// baseline, histogram_quantile's +Inf) is written in Prometheus' spelling: "+Inf", "-Inf", "NaN".
    static func encode(_ line: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        guard let data = try? encoder.encode(line) else { return #"{"type":"error","error":"line could not be encoded"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
