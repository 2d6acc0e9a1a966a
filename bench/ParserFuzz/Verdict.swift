/// What a parser made of a byte stream: the responses it read in order and whether it ended
/// in a rejection, for comparing two parsers on the same bytes.
struct Verdict: Equatable, CustomStringConvertible {
    /// One response read in full.
    struct Response: Equatable {
        let status: Int
        let bodyBytes: Int
    }

    /// The responses read before the stream ended or was rejected.
    var responses: [Response] = []
    /// Why the parser rejected the stream, or nil when it read it all.
    var rejection: String?

    var accepted: Bool { rejection == nil }

    /// Whether two parsers agree: both rejected the stream (wherever and why), or both read
    /// it all as the same responses.
    func agrees(with other: Verdict) -> Bool {
        accepted == other.accepted && (!accepted || responses == other.responses)
    }

    var description: String {
        let read = responses.map { "\($0.status)+\($0.bodyBytes)B" }.joined(separator: ", ")
        return accepted ? "accepted [\(read)]" : "rejected after [\(read)]: \(rejection!)"
    }
}
