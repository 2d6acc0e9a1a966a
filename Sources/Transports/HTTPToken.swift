/// The characters of an HTTP token (RFC 9110 §5.6.2 `tchar`), what methods and header names are
/// made of: checked on what perfkit sends and on what the native client reads.
package enum HTTPToken {
    /// Whether `byte` may appear in a token: an ASCII letter or digit, or one of ``!#$%&'*+-.^_`|~``.
    package static func allows(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
