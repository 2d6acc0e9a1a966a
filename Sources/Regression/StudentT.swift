import Foundation

/// Student's t distribution: the upper tail the noise-model test reads its p-value from.
public enum StudentT {
    /// P(T ≥ t) for T with `degreesOfFreedom` (> 0) degrees of freedom.
    public static func upperTail(_ t: Double, degreesOfFreedom: Double) -> Double {
        precondition(degreesOfFreedom > 0, "Student's t needs positive degrees of freedom")
        guard t.isFinite else { return t > 0 ? 0 : 1 }
        // P(|T| ≥ |t|) = I_x(ν/2, 1/2) with x = ν / (ν + t²); half of it lies in each tail.
        let twoSided = regularizedIncompleteBeta(x: degreesOfFreedom / (degreesOfFreedom + t * t),
                                                 a: degreesOfFreedom / 2, b: 0.5)
        return t >= 0 ? twoSided / 2 : 1 - twoSided / 2
    }

    /// I_x(a, b), by the continued fraction (modified Lentz), using the symmetry
    /// I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges slowly.
    static func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logPowers - logBeta
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    /// The continued fraction of the incomplete beta function, to about 1e-15.
    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        d = 1 / (abs(d) < tiny ? tiny : d)
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let evenTerm = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + evenTerm * d
            d = 1 / (abs(d) < tiny ? tiny : d)
            c = 1 + evenTerm / c
            c = abs(c) < tiny ? tiny : c
            result *= d * c
            let oddTerm = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + oddTerm * d
            d = 1 / (abs(d) < tiny ? tiny : d)
            c = 1 + oddTerm / c
            c = abs(c) < tiny ? tiny : c
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return result
    }
}
