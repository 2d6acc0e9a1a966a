import Regression
import RunFixtures
import Testing

@Suite struct BootstrapTests {
    /// Sixty per-second values around `level` with a few percent of spread.
    private func seconds(level: Double, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed)
        return (0..<60).map { _ in level * (1 + 0.05 * random.normal()) }
    }

    @Test func identicalSamplesAreNotWorse() throws {
        let values = seconds(level: 10, seed: 1)
        let p = try #require(Bootstrap.pValue(baseline: values, current: values, direction: .higherIsWorse))
        #expect(p > 0.3)
    }

    @Test func thirtyPercentSlowerIsSignificant() throws {
        let p = try #require(Bootstrap.pValue(baseline: seconds(level: 10, seed: 1),
                                              current: seconds(level: 13, seed: 2), direction: .higherIsWorse))
        #expect(p < 0.01)
    }

    @Test func directionDecidesWhatWorseMeans() throws {
        let p = try #require(Bootstrap.pValue(baseline: seconds(level: 10, seed: 1),
                                              current: seconds(level: 13, seed: 2), direction: .lowerIsWorse))
        #expect(p > 0.99)
    }

    @Test func sameDataGiveTheSamePValueEveryTime() {
        let baseline = seconds(level: 10, seed: 3), current = seconds(level: 10.2, seed: 4)
        let first = Bootstrap.pValue(baseline: baseline, current: current, direction: .higherIsWorse)
        let second = Bootstrap.pValue(baseline: baseline, current: current, direction: .higherIsWorse)
        #expect(first != nil && first == second)
    }

    @Test func fewerThanFiveSecondsCannotBeTested() {
        #expect(Bootstrap.pValue(baseline: [1, 2, 3, 4], current: seconds(level: 10, seed: 1),
                                 direction: .higherIsWorse) == nil)
    }
}
