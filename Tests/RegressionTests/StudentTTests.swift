import Regression
import Testing

@Suite struct StudentTTests {
    /// Critical values from the t table: P(T ≥ t) for the listed degrees of freedom.
    @Test(arguments: [
        (6.313752, 1.0, 0.05), (2.919986, 2.0, 0.05), (2.131847, 4.0, 0.05), (3.746947, 4.0, 0.01),
        (2.228139, 10.0, 0.025), (1.697261, 30.0, 0.05), (63.656741, 1.0, 0.005), (0.0, 7.0, 0.5),
    ])
    func upperTailMatchesTheTable(t: Double, degreesOfFreedom: Double, tail: Double) {
        #expect(abs(StudentT.upperTail(t, degreesOfFreedom: degreesOfFreedom) - tail) < 1e-6)
    }

    @Test func negativeValuesTakeTheComplement() {
        #expect(abs(StudentT.upperTail(-2.131847, degreesOfFreedom: 4) - 0.95) < 1e-6)
    }

    @Test func infiniteValuesAreCertain() {
        #expect(StudentT.upperTail(.infinity, degreesOfFreedom: 3) == 0)
        #expect(StudentT.upperTail(-.infinity, degreesOfFreedom: 3) == 1)
    }
}
