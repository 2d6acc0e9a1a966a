/// Histogram bucket bounds for latencies exported to Prometheus: the 1, 2.5, 5 steps of each
/// decade, which read well on a dashboard and keep a bucket within 2.5× of the next.
public enum LatencyBuckets {
    /// The bounds from `lowest` to `highest`, both included when they are on a step.
    public static func steps(from lowest: Duration, through highest: Duration) -> [Duration] {
        var bounds: [Duration] = []
        var decade = Duration.nanoseconds(1)
        while decade <= highest {
            for step in [1.0, 2.5, 5.0] {
                let bound = decade * step
                if bound >= lowest && bound <= highest { bounds.append(bound) }
            }
            decade *= 10
        }
        return bounds
    }
}
