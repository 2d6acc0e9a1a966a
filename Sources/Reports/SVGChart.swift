/// A chart being drawn: a viewBox the page scales to its width, plot areas with grid lines and
/// axes, series, markers, bars and a legend. Colours come from CSS classes (`base`, `cur`,
/// `err`, …) so the stylesheet can switch them for dark mode and print; tooltips are SVG
/// `<title>` children, which browsers show on hover without any script.
struct SVGChart {
    /// The viewBox size; the chart keeps this aspect ratio at any width.
    let width: Double, height: Double
    private var content = Markup()

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    // MARK: Axes

    /// Horizontal grid lines at `ticks` and their labels left of `area`, with `title` above the labels.
    mutating func yAxis(_ area: PlotArea, ticks: [Tick], title: String) {
        var grid = ""
        for tick in ticks {
            let y = area.y(tick.value)
            grid += "M\(SVGNumber.text(area.left)) \(SVGNumber.text(y))H\(SVGNumber.text(area.right))"
        }
        content.empty("path", [("class", "grid"), ("d", grid)])
        content.element("g", [("class", "axis y")]) { axis in
            for tick in ticks {
                axis.element("text", [("x", SVGNumber.text(area.left - 6)), ("y", SVGNumber.text(area.y(tick.value) + 4)),
                                      ("text-anchor", "end")], text: tick.label)
            }
            axis.element("text", [("class", "title"), ("x", SVGNumber.text(area.left)),
                                  ("y", SVGNumber.text(area.top - 8))], text: title)
        }
    }

    /// The baseline of `area`, tick marks and labels under it, and `title` centred below.
    mutating func xAxis(_ area: PlotArea, ticks: [Tick], title: String) {
        let bottom = SVGNumber.text(area.bottom)
        var marks = "M\(SVGNumber.text(area.left)) \(bottom)H\(SVGNumber.text(area.right))"
        for tick in ticks {
            marks += "M\(SVGNumber.text(area.x(tick.value))) \(bottom)v5"
        }
        content.empty("path", [("class", "axis-line"), ("d", marks)])
        content.element("g", [("class", "axis x")]) { axis in
            for tick in ticks {
                axis.element("text", [("x", SVGNumber.text(area.x(tick.value))), ("y", SVGNumber.text(area.bottom + 17)),
                                      ("text-anchor", "middle")], text: tick.label)
            }
            axis.element("text", [("class", "title"), ("x", SVGNumber.text(area.left + area.width / 2)),
                                  ("y", SVGNumber.text(area.bottom + 34)), ("text-anchor", "middle")], text: title)
        }
    }

    // MARK: Data

    /// A line through data points (nil breaks it), styled by `classes`, with `tooltip` on hover;
    /// nothing when no point is given.
    mutating func line(_ points: [(x: Double, y: Double)?], in area: PlotArea, classes: String, tooltip: String) {
        let path = PathData.polyline(points.map { $0.map { area.position($0.x, $0.y) } })
        guard !path.isEmpty else { return }
        content.element("path", [("class", "series " + classes), ("d", path)]) { $0.element("title", text: tooltip) }
    }

    /// A dot at a data point with its own tooltip.
    mutating func marker(at x: Double, _ y: Double, in area: PlotArea, classes: String, tooltip: String) {
        let position = area.position(x, y)
        content.element("circle", [("class", "marker " + classes), ("cx", SVGNumber.text(position.x)),
                                   ("cy", SVGNumber.text(position.y)), ("r", "3.5")]) {
            $0.element("title", text: tooltip)
        }
    }

    /// A filled rectangle in viewBox units.
    mutating func bar(x: Double, y: Double, width: Double, height: Double, classes: String, tooltip: String) {
        content.element("rect", [("class", "bar " + classes), ("x", SVGNumber.text(x)), ("y", SVGNumber.text(y)),
                                 ("width", SVGNumber.text(max(width, 1))), ("height", SVGNumber.text(height))]) {
            $0.element("title", text: tooltip)
        }
    }

    /// A path given in viewBox units (whiskers, ticks).
    mutating func path(_ data: String, classes: String) {
        content.empty("path", [("class", classes), ("d", data)])
    }

    /// An invisible column of `area` between two data x values that shows `tooltip` on hover,
    /// for reading values off a line without a script.
    mutating func hoverBand(from start: Double, to end: Double, in area: PlotArea, tooltip: String) {
        let left = area.x(start)
        content.element("rect", [("class", "hover"), ("x", SVGNumber.text(left)), ("y", SVGNumber.text(area.top)),
                                 ("width", SVGNumber.text(max(area.x(end) - left, 1))),
                                 ("height", SVGNumber.text(area.height))]) {
            $0.element("title", text: tooltip)
        }
    }

    // MARK: Text

    /// Text in viewBox units.
    mutating func label(_ text: String, x: Double, y: Double, anchor: String = "start", classes: String = "label") {
        content.element("text", [("class", classes), ("x", SVGNumber.text(x)), ("y", SVGNumber.text(y)),
                                 ("text-anchor", anchor)], text: text)
    }

    /// Legend entries from (`x`, `y`): a line or swatch sample in each entry's classes, then its
    /// label. Entries wrap onto a new line when the chart is too narrow; returns the baseline of
    /// the last line, so the plot can start below it.
    @discardableResult
    mutating func legend(_ entries: [LegendEntry], x: Double, y: Double) -> Double {
        var cursor = (x: x, y: y)
        content.element("g", [("class", "legend")]) { legend in
            for entry in entries {
                // About 6.2 units a character at the legend's 11-unit font.
                let entryWidth = 28 + Double(entry.label.count) * 6.2 + 14
                if cursor.x + entryWidth > width, cursor.x > x {
                    cursor = (x, cursor.y + 16)
                }
                let sampleY = SVGNumber.text(cursor.y - 4)
                switch entry.sample {
                case .line:
                    legend.empty("path", [("class", "series " + entry.classes),
                                          ("d", "M\(SVGNumber.text(cursor.x)) \(sampleY)h22")])
                case .swatch:
                    legend.empty("rect", [("class", "bar " + entry.classes), ("x", SVGNumber.text(cursor.x)),
                                          ("y", SVGNumber.text(cursor.y - 10)), ("width", "22"), ("height", "10")])
                }
                legend.element("text", [("x", SVGNumber.text(cursor.x + 28)), ("y", SVGNumber.text(cursor.y))],
                               text: entry.label)
                cursor.x += entryWidth
            }
        }
        return cursor.y
    }

    // MARK: Output

    /// Appends the chart as an `<svg>` of class `chart kind`, labelled `title` for screen readers
    /// and as its own tooltip.
    func write(to page: inout Markup, kind: String, title: String) {
        page.element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart " + kind),
                             ("viewBox", "0 0 \(SVGNumber.text(width)) \(SVGNumber.text(height))"),
                             ("role", "img"), ("aria-label", title)]) { svg in
            svg.element("title", text: title)
            svg.trusted(content.text)
        }
    }
}

/// An entry of a chart's legend.
struct LegendEntry {
    /// How the entry's sample is drawn.
    enum Sample {
        /// A short stretch of line, for series.
        case line
        /// A filled box, for bars.
        case swatch
    }

    let label: String
    /// The classes of the series it stands for.
    let classes: String
    let sample: Sample
}
