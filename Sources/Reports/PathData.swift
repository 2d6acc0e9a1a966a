/// The `d` attribute of SVG paths.
enum PathData {
    /// A line through `points` in order; a nil point breaks it (a second with no latency to
    /// show), so the line resumes at the next point instead of bridging the gap.
    static func polyline(_ points: [(x: Double, y: Double)?]) -> String {
        var path = ""
        var penDown = false
        for point in points {
            guard let point else {
                penDown = false
                continue
            }
            path += (penDown ? "L" : "M") + SVGNumber.text(point.x) + " " + SVGNumber.text(point.y)
            penDown = true
        }
        return path
    }
}
