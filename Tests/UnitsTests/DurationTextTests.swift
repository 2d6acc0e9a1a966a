import Testing
import Units

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("300", Duration.seconds(300)),
        ("0.5", .milliseconds(500)),
        ("500ms", .milliseconds(500)),
        ("30s", .seconds(30)),
        ("5m", .seconds(300)),
        ("1h", .seconds(3600)),
        ("250us", .microseconds(250)),
        ("250µs", .microseconds(250)),
        ("1m30s", .seconds(90)),
        ("1.5s", .milliseconds(1500)),
        (" 10s ", .seconds(10)),
    ])
    func parsesBareSecondsAndUnits(text: String, expected: Duration) throws {
        #expect(try DurationText.parse(text) == expected)
    }

    @Test func rejectsUnknownUnitNamingIt() {
        #expect(throws: DurationText.ParseError.unknownUnit(unit: "d", in: "5d")) { try DurationText.parse("5d") }
    }

    @Test(arguments: ["", "abc", "ms", "5 m s", "1.2.3s", "10s5"])
    func rejectsMalformedText(text: String) {
        #expect(throws: DurationText.ParseError.self) { try DurationText.parse(text) }
    }

    @Test func rejectsNegativeDurations() {
        #expect(throws: DurationText.ParseError.negative("-5s")) { try DurationText.parse("-5s") }
    }

    @Test func errorMessageShowsExamples() {
        let message = DurationText.ParseError.malformed("abc").description
        #expect(message.contains("'abc'"))
        #expect(message.contains("500ms"))
    }

    @Test func formatsWithThreeSignificantDigits() {
        #expect(DurationText.format(.microseconds(84)) == "84.0µs")
        #expect(DurationText.format(.microseconds(1250)) == "1.25ms")
        #expect(DurationText.format(.milliseconds(500)) == "500ms")
        #expect(DurationText.format(.milliseconds(2500)) == "2.50s")
        #expect(DurationText.format(.seconds(300)) == "5.00m")
    }
}

@Suite struct ProportionTextTests {
    @Test func readsPercentagesAndFractions() throws {
        #expect(try ProportionText.parse("1%") == 0.01)
        #expect(try ProportionText.parse("0.05") == 0.05)
        #expect(try ProportionText.parse("100%") == 1)
    }

    @Test(arguments: ["", "x%", "150%", "-1%", "2"])
    func rejectsValuesOutsideZeroToOne(text: String) {
        #expect(throws: ProportionText.ParseError(text: text)) { try ProportionText.parse(text) }
    }

    @Test func fixedPrintsWithoutLocale() {
        #expect(fixed(3.14159, decimals: 2) == "3.14")
        #expect(fixed(-0.5, decimals: 1) == "-0.5")
        #expect(fixed(2, decimals: 0) == "2")
        #expect(fixed(0.004, decimals: 2) == "0.00")
    }
}

@Suite struct DurationTextLimitTests {
    @Test(arguments: ["1e30", "0x1p80", "inf", "nan", "1e3s"])
    func rejectsExponentHexAndSpecialForms(text: String) {
        #expect(throws: DurationText.ParseError.self) { try DurationText.parse(text) }
    }

    @Test(arguments: ["99999999999h", "10000000000", "400d"])
    func rejectsDurationsTooLongInsteadOfTrapping(text: String) {
        #expect(throws: DurationText.ParseError.self) { try DurationText.parse(text) }
    }

    @Test func acceptsUpToAYear() throws {
        #expect(try DurationText.parse("8760h") == .seconds(365 * 86_400))
        #expect(throws: DurationText.ParseError.tooLarge("8761h")) { try DurationText.parse("8761h") }
    }
}
