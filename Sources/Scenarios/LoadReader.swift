import LoadEngine
import Yams

/// The `load` section.
enum LoadReader {
    struct Result {
        var load: ScenarioLoad
        var connections: Int?
    }

    static let keys = ["rate", "duration", "start_rps", "max_rps", "ramp", "hold", "stages", "iterations", "vus",
                       "max_in_flight", "connections"]

    /// Iterations at once in the open model unless `max_in_flight` says otherwise.
    static let defaultMaxInFlight = 1_000

    static func read(_ node: Node, reader: YAMLNodeReader) throws(ScenarioError) -> Result {
        let fields = try reader.mapping(node, allowed: keys, what: "load")
        let connections = try fields["connections"].map { node throws(ScenarioError) in
            try reader.integer(node, what: "load.connections", atLeast: 1, atMost: LoadLimits.connections)
        }
        let maxInFlight = try fields["max_in_flight"].map { node throws(ScenarioError) in
            try reader.integer(node, what: "load.max_in_flight", atLeast: 1, atMost: LoadLimits.maxInFlight)
        } ?? defaultMaxInFlight
        let shape = try shape(of: fields, node: node, reader: reader)
        let load: ScenarioLoad
        switch shape {
        case "stages":
            let startRate = try fields["start_rps"].map { node throws(ScenarioError) in try reader.number(node, what: "load.start_rps", atMost: LoadLimits.rate) } ?? 0
            var stages: [(duration: Duration, target: Double)] = []
            let items = try reader.sequence(fields["stages"]!, what: "load.stages")
            guard !items.isEmpty else { throw reader.error(fields["stages"]!, "load.stages is empty") }
            for item in items {
                let stage = try reader.mapping(item, allowed: ["duration", "target"], what: "a stage")
                guard let duration = stage["duration"], let target = stage["target"] else {
                    throw reader.error(item, "a stage needs a 'duration' and a 'target' rate (requests or iterations per second)")
                }
                stages.append((try reader.duration(duration, what: "stage duration"), try reader.number(target, what: "stage target", atMost: LoadLimits.rate)))
            }
            load = .arrivals(.stages(startRate: startRate, stages), maxInFlight: maxInFlight)
        case "max_rps":
            guard let ramp = fields["ramp"] else {
                throw reader.error(fields.keyNode("max_rps")!, "load.max_rps needs 'ramp': how long the rate climbs, e.g. 300s")
            }
            let maxRate = try reader.positiveNumber(fields["max_rps"]!, what: "load.max_rps", atMost: LoadLimits.rate)
            let startRate = try fields["start_rps"].map { node throws(ScenarioError) in try reader.number(node, what: "load.start_rps", atMost: LoadLimits.rate) } ?? 1
            let hold = try fields["hold"].map { node throws(ScenarioError) in try reader.duration(node, what: "load.hold", allowZero: true) } ?? .zero
            load = .arrivals(.ramp(from: startRate, to: maxRate, over: try reader.duration(ramp, what: "load.ramp"), hold: hold),
                             maxInFlight: maxInFlight)
        case "rate":
            guard let duration = fields["duration"] else {
                throw reader.error(fields.keyNode("rate")!, "load.rate needs a 'duration', e.g. 300s")
            }
            load = .arrivals(.constant(rate: try reader.positiveNumber(fields["rate"]!, what: "load.rate", atMost: LoadLimits.rate),
                                       duration: try reader.duration(duration, what: "load.duration")),
                             maxInFlight: maxInFlight)
        case "iterations":
            let virtualUsers = try fields["vus"].map { node throws(ScenarioError) in try reader.integer(node, what: "load.vus", atLeast: 1, atMost: LoadLimits.virtualUsers) } ?? 1
            load = .iterations(try reader.integer(fields["iterations"]!, what: "load.iterations", atLeast: 1, atMost: LoadLimits.iterations),
                               virtualUsers: virtualUsers)
        default:
            load = .virtualUsersFor(try reader.duration(fields["duration"]!, what: "load.duration"),
                                    virtualUsers: try reader.integer(fields["vus"]!, what: "load.vus", atLeast: 1, atMost: LoadLimits.virtualUsers))
        }
        if case .arrivals(let schedule, _) = load, schedule.totalArrivals == 0 {
            throw reader.error(node, "load sends nothing: raise the rate or the duration")
        }
        return Result(load: load, connections: connections)
    }

    /// Which of the load shapes the keys describe; exactly one must be recognisable, and no
    /// key may belong to another shape.
    private static func shape(of fields: Fields, node: Node, reader: YAMLNodeReader) throws(ScenarioError) -> String {
        let shapes: [(name: String, keys: Set<String>)] = [
            ("stages", ["stages", "start_rps", "max_in_flight", "connections"]),
            ("max_rps", ["max_rps", "ramp", "hold", "start_rps", "max_in_flight", "connections"]),
            ("rate", ["rate", "duration", "max_in_flight", "connections"]),
            ("iterations", ["iterations", "vus", "connections"]),
            ("vus", ["vus", "duration", "connections"]),
        ]
        guard let shape = shapes.first(where: { fields.has($0.name) }) else {
            throw reader.error(node, "load must say how much to send: 'rate' and 'duration' (constant), 'max_rps' and 'ramp' (ramp), 'stages', 'iterations' (with 'vus'), or 'vus' and 'duration'")
        }
        if shape.name == "vus", !fields.has("duration") {
            throw reader.error(fields.keyNode("vus")!, "load.vus needs 'iterations' or a 'duration'")
        }
        for key in fields.entries.keys.sorted() where !shape.keys.contains(key) {
            throw reader.error(fields.keyNode(key)!, "load.\(key) does not go with load.\(shape.name); \(shapeHelp)")
        }
        return shape.name
    }

    private static let shapeHelp = "use one of: rate+duration, max_rps+ramp(+start_rps, hold), stages(+start_rps), iterations(+vus), vus+duration"
}
