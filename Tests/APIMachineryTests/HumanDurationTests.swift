import Testing

@testable import APIMachinery

@Suite struct HumanDurationTests {
    @Test(arguments: [
        (-5.0, "<invalid>"), (-1.5, "0s"), (0, "0s"), (5, "5s"), (119.9, "119s"), (120, "2m"), (182, "3m2s"),
        (599, "9m59s"), (600, "10m"), (179 * 60, "179m"), (3 * 3600, "3h"), (4 * 3600 + 5 * 60, "4h5m"),
        (8 * 3600 + 59, "8h"), (47 * 3600, "47h"), (48 * 3600, "2d"), (51 * 3600, "2d3h"), (8 * 86400, "8d"),
        (729 * 86400, "729d"), (730 * 86400, "2y"), (760 * 86400, "2y30d"), (9 * 365 * 86400, "9y"),
    ] as [(Double, String)])
    func kubectlAges(seconds: Double, expected: String) {
        #expect(HumanDuration.text(seconds: seconds) == expected)
    }
}
