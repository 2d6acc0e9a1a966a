/// How stored records are named in URLs and bodies: a prefix and a sequence number, such as `ord-12`, read
/// under a collection path, such as `/api/orders/ord-12`.
struct RecordIDFormat: Sendable {
    /// The part before the number, such as `ord-`.
    let prefix: String
    /// The path the records are read under, such as `/api/orders`.
    let collection: String

    static let order = RecordIDFormat(prefix: "ord-", collection: "/api/orders")
    static let signal = RecordIDFormat(prefix: "sig-", collection: "/api/signals")

    /// The id of record `number`.
    func id(_ number: Int) -> String {
        prefix + String(number)
    }

    /// The path that reads record `number`, as a `Location` header gives it.
    func location(_ number: Int) -> String {
        "\(collection)/\(prefix)\(number)"
    }

    /// The number `id` names, when it is spelled exactly as `id(_:)` spells it: `ord-01` and `ord-+1` name
    /// nothing, so every record has one id and responses can echo it.
    func number(in id: some StringProtocol) -> Int? {
        guard id.hasPrefix(prefix) else { return nil }
        let digits = id.utf8.dropFirst(prefix.utf8.count)
        // 18 digits always fit in an Int, so the sum below cannot overflow.
        guard let first = digits.first, first != UInt8(ascii: "0"), digits.count <= 18,
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return digits.reduce(0) { number, digit in number * 10 + Int(digit - UInt8(ascii: "0")) }
    }
}
