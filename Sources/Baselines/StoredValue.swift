import Foundation

/// One column's value as the store writes it, whichever database holds the store: the one
/// mapping from a `RunRecord` to rows (`RunRecord+Columns.swift`) produces these, and each
/// backend only binds them.
package enum StoredValue: Sendable, Equatable {
    /// A 64-bit integer (unsigned values by bit pattern), or NULL.
    case integer(Int64?)
    /// A double, or NULL. Never NaN: a rate or mean that is not a number is stored as NULL.
    case real(Double?)
    /// Text, or NULL.
    case text(String?)
    /// Bytes (a histogram's encoding).
    case blob(Data)

    /// `value` as stored: NaN becomes NULL, as SQLite has always stored it.
    static func number(_ value: Double?) -> StoredValue {
        .real(value.flatMap { $0.isNaN ? nil : $0 })
    }
}

/// One row a backend read, by column position: the one mapping from rows to a `RunRecord`
/// (`RunRowAssembly`) reads through it, whichever database the row came from. NULL reads as nil.
package protocol StoredRow {
    /// The integer at `index`.
    func integer(at index: Int) throws -> Int64?
    /// The double at `index`.
    func real(at index: Int) throws -> Double?
    /// The text at `index`.
    func text(at index: Int) throws -> String?
    /// The bytes at `index`.
    func blob(at index: Int) throws -> Data?
}
