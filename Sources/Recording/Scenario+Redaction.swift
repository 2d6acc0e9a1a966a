import Baselines
import Scenarios

extension Scenario {
    /// The target as perfkit prints and stores it: redacted, values from the environment included.
    public var redactedTarget: String { Redaction.redactURL(target, environmentValues: environmentValues) }
}
