import Foundation
import LoadEngine
import Units

/// A scenario file, loaded and checked: what to send, in which order, how fast, and what
/// counts as passing. Built by `ScenarioLoader`; run by `ScenarioRun`.
public struct Scenario: Sendable {
    /// The name runs are stored under (the file's `name`, else its base name).
    public var name: String
    /// The file it came from, for messages.
    public var file: String
    /// Base URL that step paths are relative to.
    public var target: String
    /// Headers sent with every request (a step's own headers win).
    public var defaultHeaders: [HeaderTemplate]
    /// Time allowed for one request.
    public var timeout: Duration
    /// Connections the transport may open; nil for the load's default.
    public var connections: Int?
    /// Variables every iteration starts with.
    public var variables: [String: VariableSource]
    /// How fast, and for how long.
    public var load: ScenarioLoad
    /// What each iteration does.
    public var body: ScenarioBody
    /// Pass/fail conditions on the whole run.
    public var thresholds: ScenarioThresholds
    /// Values that came from the environment (`${NAME}`), redacted wherever the run is stored.
    public var environmentValues: [String]
    /// Which of the test's iterations this process runs (numbered as one process would number
    /// them); `load` already holds this segment's counts (`segmented(by:)`).
    public var segment: SegmentOwnership = .whole

    /// The steps, in order (a flow's steps, or a request mix's requests).
    public var steps: [Step] {
        switch body {
        case .flow(let steps): steps
        case .requests(let mix): mix.map(\.step)
        }
    }
}

/// Where an iteration's variable starts from.
public enum VariableSource: Sendable, Equatable {
    /// One value for every iteration.
    case value(CapturedValue)
    /// One of several values, taken in turn by successive iterations.
    case rotation([CapturedValue])
}

/// What an iteration is.
public enum ScenarioBody: Sendable {
    /// Steps run in order, each able to use what earlier steps captured.
    case flow([Step])
    /// One request per iteration, picked by weight.
    case requests([WeightedStep])
}

/// A request of a mix and its share of the traffic.
public struct WeightedStep: Sendable {
    /// The request.
    public var step: Step
    /// Relative weight (positive).
    public var weight: Double
}

/// One request of a scenario, with what to check and capture in its response.
public struct Step: Sendable {
    /// The name results are reported and stored under.
    public var name: String
    /// HTTP method, upper case.
    public var method: String
    /// Path (relative to the target) or absolute URL, with `{{variable}}` placeholders.
    public var path: Template
    /// The step's own headers.
    public var headers: [HeaderTemplate]
    /// Request body, if any.
    public var body: BodyTemplate?
    /// Values to take from the response into variables, in order.
    public var captures: [Capture]
    /// Conditions on the response.
    public var checks: [Check]
    /// Pause after the step, before the next one.
    public var think: Duration?
    /// Where the step is defined, for messages.
    public var location: SourceLocation
}

/// A header whose value may use variables.
public struct HeaderTemplate: Sendable {
    /// Header name.
    public var name: String
    /// Header value.
    public var value: Template
}

/// A value taken from a response into a variable.
public struct Capture: Sendable {
    /// Where the value comes from.
    public enum Source: Sendable {
        /// A JSON path into the body: `$.order.id`.
        case json(JSONPath)
        /// A response header, by name.
        case header(String)
        /// A regular expression group matched against the body.
        case regex(NSRegularExpression, pattern: String, group: Int)
    }

    /// The variable it sets.
    public var variable: String
    /// Where the value comes from.
    public var source: Source
    /// Where the capture is defined, for messages.
    public var location: SourceLocation
}

/// A condition on a response.
public struct Check: Sendable {
    /// What is checked.
    public enum Condition: Sendable {
        /// The status is one of these.
        case status(Set<Int>)
        /// The latency (from the intended send) is under this.
        case latencyUnder(Duration)
        /// The body contains this text.
        case bodyContains(Template)
        /// The JSON value at the path exists.
        case jsonExists(JSONPath)
        /// The JSON value at the path, as text, equals this.
        case jsonEquals(JSONPath, Template)
        /// The JSON value at the path, as text, matches this regular expression.
        case jsonMatches(JSONPath, MemoizedRegex, pattern: String)
    }

    /// What is checked.
    public var condition: Condition
    /// How the check is named in summaries: `status in [201]`, `$.status matches ^filled$`.
    public var label: String
    /// Where the check is defined, for messages.
    public var location: SourceLocation
}

/// Pass/fail conditions on a scenario run.
public struct ScenarioThresholds: Sendable, Equatable {
    /// Conditions on all the scenario's requests together.
    public var targets: [RunTarget]
    /// The share of checks that must pass (1 unless the file says otherwise).
    public var checksPassing: Double

    /// No latency or rate condition; every check must pass.
    public init(targets: [RunTarget] = [], checksPassing: Double = 1) {
        self.targets = targets
        self.checksPassing = checksPassing
    }
}

/// A place in a scenario file.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// Line, from 1.
    public var line: Int
    /// Column, from 1.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, as compilers print it.
    public var description: String { "\(file):\(line):\(column)" }
}
