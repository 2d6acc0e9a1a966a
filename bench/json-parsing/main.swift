// perfkit's JSON parsing benchmark (not a test): the cost of reading one trading-flow response
// three ways, against the native engine's budget of about 6 µs of CPU per request.
// Run with bench/json-parsing/run.
import Foundation

/// Bodies as the demo target writes them for the steps of scenarios/trading-flow.yaml.
let bodies: [(name: String, bytes: [UInt8])] = [
    ("quote", #"{"symbol":"EURUSD","bid":1.08412,"ask":1.08431,"timestamp":1700000000000}"#),
    ("signal", #"{"id":"sig-5","symbol":"EURUSD","side":"buy","strength":0.73,"created_at":1700000000000}"#),
    ("order", #"{"id":"ord-7","status":"filled","symbol":"EURUSD","side":"buy","quantity":1000,"signal_id":"sig-5","limit_price":1.08431,"created_at":1700000000000,"filled_at":1700000000050}"#),
].map { ($0.0, Array($0.1.utf8)) }

/// A JSON value decoded through `JSONDecoder`, the Codable way of reading an unknown shape.
indirect enum DecodedValue: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([DecodedValue]), object([String: DecodedValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let string = try? container.decode(String.self) { self = .string(string) }
        else if let bool = try? container.decode(Bool.self) { self = .bool(bool) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let object = try? container.decode([String: DecodedValue].self) { self = .object(object) }
        else { self = .array(try container.decode([DecodedValue].self)) }
    }
}

/// `JSONSerialization`'s objects made into the same enum; booleans told from numbers by type.
func converted(_ object: Any) -> DecodedValue {
    switch object {
    case is NSNull: return .null
    case let string as String: return .string(string)
    case let number as NSNumber:
        // On Linux a JSON `true` is an NSNumber too: only its objCType tells it from 1.
        if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
        return .number(number.doubleValue)
    case let array as [Any]: return .array(array.map(converted))
    case let dictionary as [String: Any]: return .object(dictionary.mapValues(converted))
    default: fatalError("unexpected \(type(of: object))")
    }
}

/// Nanoseconds per call of `body`, the median of `rounds` rounds of `iterations` calls.
func nanosecondsPerCall(rounds: Int = 7, iterations: Int = 20_000, _ body: () -> Bool) -> Double {
    var perCall: [Double] = []
    for _ in 0..<rounds {
        let clock = ContinuousClock()
        var ok = true
        let elapsed = clock.measure { for _ in 0..<iterations { ok = body() && ok } }
        precondition(ok, "a parse failed")
        perCall.append(Double(elapsed.components.attoseconds) / 1e9 / Double(iterations)
                       + Double(elapsed.components.seconds) * 1e9 / Double(iterations))
    }
    return perCall.sorted()[rounds / 2]
}

let decoder = JSONDecoder()
print("body     bytes  hand parser  JSONDecoder→enum  JSONSerialization→enum   (ns per parse, median of 7 rounds)")
for (name, bytes) in bodies {
    let data = Data(bytes)
    let hand = nanosecondsPerCall { JSONValue.parse(bytes) != nil }
    let codable = nanosecondsPerCall { (try? decoder.decode(DecodedValue.self, from: data)) != nil }
    let serialization = nanosecondsPerCall {
        (try? JSONSerialization.jsonObject(with: data)).map(converted) != nil
    }
    print(name.padding(toLength: 8, withPad: " ", startingAt: 0), String(format: "%5d  %11.0f  %16.0f  %22.0f",
          bytes.count, hand, codable, serialization))
}
