extension JSONValue {
    /// The member `key` of an object; nil for a missing member or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The text of a string; nil for any other value.
    public var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The items of an array; nil for any other value.
    public var array: [JSONValue]? {
        guard case .array(let items) = self else { return nil }
        return items
    }
}

extension JSONValue {
    /// The members of an object; nil for any other value.
    public var object: [String: JSONValue]? {
        guard case .object(let members) = self else { return nil }
        return members
    }
}
