import Foundation
import JSON
import Testing
import Units

/// The parser accepts exactly what Foundation's strict JSON reader accepts, and reads the same
/// values, over inputs made by mutating JSON documents and by gluing JSON fragments together.
struct JSONParserFuzzTests {
    /// Fragments that make near-JSON when glued: valid pieces and the classic near misses.
    private static let fragments = [
        "{", "}", "[", "]", ",", ":", " ", "\n", #""a""#, #""b\"c""#, #""\u00e9""#, #""\ud83d\ude00""#, #""\ud800""#,
        "0", "1", "-", "+", ".", "5", "e", "E", "01", "1.5", "-0", "true", "false", "null", "nul", "\"", #"\"#, "x",
    ]

    /// Bytes inserted into or written over a document.
    private static let mutations = Array(#"{}[],:"\.-+0123456789eE tfnul"#.utf8)

    /// Documents shaped like the trading flow's responses, to mutate.
    private static let documents = [
        #"{"symbol":"EURUSD","bid":1.08412,"ask":1.08431,"timestamp":1700000000000}"#,
        #"{"id":"sig-5","symbol":"EURUSD","side":"buy","strength":0.73,"created_at":1700000000000}"#,
        #"{"signals":[{"id":"s\\u00e9","ok":true,"n":null},[],{}],"count":-2.5e-3}"#,
    ].map { Array($0.utf8) }

    @Test func acceptsExactlyWhatFoundationAcceptsWithTheSameValues() throws {
        var generator = SplitMix64(seed: 20_260_501)
        var disagreements: [String] = []
        for round in 0..<20_000 {
            let bytes = round.isMultiple(of: 2) ? Self.mutated(&generator) : Self.glued(&generator)
            let ours = JSONValue.parse(bytes)
            let foundation = (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed))
                .map(Self.value(of:))
            // Foundation on Linux accepts a comma before `]` or `}`, which RFC 8259 does not.
            let foundationLeniency = ours == nil && foundation != nil && Self.hasTrailingComma(bytes)
            if ours != foundation, !foundationLeniency, disagreements.count < 5 {
                disagreements.append("\(String(decoding: bytes, as: UTF8.self)): ours \(String(describing: ours)), "
                                     + "Foundation \(String(describing: foundation))")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    /// Keeping only some top-level members accepts the same inputs as a whole parse and keeps
    /// exactly those members, with the same values.
    @Test func keepingTopLevelMembersAcceptsTheSameAndDropsOnlyTheOthers() {
        var generator = SplitMix64(seed: 20_261_201)
        var disagreements: [String] = []
        for round in 0..<20_000 {
            let bytes = round.isMultiple(of: 2) ? Self.mutated(&generator) : Self.glued(&generator)
            let kept = ["signals", "id", "count", "a"]
            let whole = JSONValue.parse(bytes).map { value -> JSONValue in
                guard case .object(let members) = value else { return value }
                return .object(members.filter { kept.contains($0.key) })
            }
            let pruned = JSONValue.parse(bytes, keepingTopLevelMembers: kept)
            if pruned != whole, disagreements.count < 5 {
                disagreements.append("\(String(decoding: bytes, as: UTF8.self)): kept \(String(describing: pruned)), "
                                     + "whole \(String(describing: whole))")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    private static func mutated(_ generator: inout SplitMix64) -> [UInt8] {
        var bytes = documents[Int(generator.next() % UInt64(documents.count))]
        for _ in 0..<(1 + generator.next() % 3) {
            let index = Int(generator.next() % UInt64(bytes.count + 1))
            let byte = mutations[Int(generator.next() % UInt64(mutations.count))]
            switch generator.next() % 3 {
            case 0 where index < bytes.count: bytes.remove(at: index)
            case 1 where index < bytes.count: bytes[index] = byte
            default: bytes.insert(byte, at: index)
            }
        }
        return bytes
    }

    private static func glued(_ generator: inout SplitMix64) -> [UInt8] {
        let count = 1 + Int(generator.next() % 8)
        return Array((0..<count).map { _ in fragments[Int(generator.next() % UInt64(fragments.count))] }.joined().utf8)
    }

    /// Whether a comma outside strings is followed, after whitespace, by `]` or `}`.
    private static func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
        var inString = false, escaped = false, afterComma = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true; afterComma = false
            case UInt8(ascii: ","): afterComma = true
            case UInt8(ascii: "]"), UInt8(ascii: "}"): if afterComma { return true }
            case 0x20, 0x09, 0x0A, 0x0D: break
            default: afterComma = false
            }
        }
        return false
    }

    /// Foundation's object as a `JSONValue`; on Linux a JSON boolean is an NSNumber of type `c`.
    private static func value(of object: Any) -> JSONValue {
        switch object {
        case is NSNull: return .null
        case let string as String: return .string(string)
        case let number as NSNumber where String(cString: number.objCType) == "c": return .bool(number.boolValue)
        case let number as NSNumber: return .number(number.doubleValue)
        case let array as [Any]: return .array(array.map(value(of:)))
        case let object as [String: Any]: return .object(object.mapValues(value(of:)))
        default: return .string("unexpected \(type(of: object))")
        }
    }
}
