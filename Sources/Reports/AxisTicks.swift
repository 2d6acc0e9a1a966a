import Foundation
import Units

/// A labelled position on an axis.
struct Tick {
    /// Where, in data units.
    let value: Double
    /// What it says.
    let label: String
}

/// Round tick values for linear axes that start at zero.
enum AxisTicks {
    /// Ticks from 0 to the first round value at or above `maximum`, about `count` of them, in
    /// steps of 1, 2 or 5 times a power of ten; labelled with as many decimals as the step needs.
    static func upTo(_ maximum: Double, count: Int = 4) -> [Tick] {
        let top = maximum.isFinite && maximum > 0 ? maximum : 1
        let rough = top / Double(max(count, 1))
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let decimals = max(0, Int(-floor(log10(step) + 1e-9)) + (step / magnitude == 2.5 ? 1 : 0))
        let steps = Int((top / step - 1e-9).rounded(.up))
        return (0...max(steps, 1)).map { index in
            let value = Double(index) * step
            return Tick(value: value, label: fixed(value, decimals: decimals))
        }
    }
}
