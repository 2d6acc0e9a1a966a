extension Sequence {
    /// The elements grouped by `key`, groups in the order their first element comes, elements
    /// in their order: how runs are gathered into run groups without losing start order.
    public func groupedInOrder<Key: Hashable>(by key: (Element) -> Key) -> [(key: Key, elements: [Element])] {
        var order: [Key] = []
        var groups: [Key: [Element]] = [:]
        for element in self {
            let elementKey = key(element)
            if groups[elementKey] == nil { order.append(elementKey) }
            groups[elementKey, default: []].append(element)
        }
        return order.map { ($0, groups[$0]!) }
    }
}
