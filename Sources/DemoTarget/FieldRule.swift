import JSON
/// One field of a JSON request body: its name, what it must hold, and how to read a value that holds it.
struct FieldRule<Value>: Sendable {
    /// The field's key in the body.
    let name: String
    /// What the field must hold, as error messages put it: `"buy" or "sell"`.
    let requirement: String
    /// The value `json` stands for, or `nil` if it does not meet the requirement.
    let read: @Sendable (_ json: JSONValue) -> Value?
}
