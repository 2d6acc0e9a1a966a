/// The rectangle of a chart where data are drawn, with the scales that place data in it.
struct PlotArea {
    /// Edges in viewBox units.
    let left: Double, top: Double, width: Double, height: Double
    /// Data to horizontal position.
    let x: LinearScale
    /// Data to vertical position (upwards).
    let y: LinearScale

    init(left: Double, top: Double, width: Double, height: Double, xDomain: ClosedRange<Double>,
         yDomain: ClosedRange<Double>) {
        self.left = left
        self.top = top
        self.width = width
        self.height = height
        x = LinearScale(domain: xDomain, from: left, to: left + width)
        y = LinearScale(domain: yDomain, from: top + height, to: top)
    }

    var right: Double { left + width }
    var bottom: Double { top + height }

    /// Where the data point (`x`, `y`) lands.
    func position(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        (self.x(x), self.y(y))
    }
}
