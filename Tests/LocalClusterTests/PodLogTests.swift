import Testing
@testable import LocalCluster

@Suite struct PodLogTests {
    let log = Array("one\ntwo\nthree\n".utf8)

    @Test(arguments: [
        (nil, nil, "one\ntwo\nthree\n"), (1, nil, "three\n"), (2, nil, "two\nthree\n"), (5, nil, "one\ntwo\nthree\n"),
        (0, nil, ""), (nil, 5, "one\nt"), (2, 3, "two"),
    ] as [(Int?, Int?, String)])
    func tailLinesThenLimitBytes(tailLines: Int?, limitBytes: Int?, expected: String) {
        #expect(String(decoding: PodLog.select(log, tailLines: tailLines, limitBytes: limitBytes), as: UTF8.self) == expected)
    }

    @Test func aLastLineWithoutNewlineCounts() {
        #expect(PodLog.select(Array("a\nb".utf8), tailLines: 1, limitBytes: nil) == Array("b".utf8))
    }

    @Test func countsMustBeNonNegativeIntegers() throws {
        #expect(try PodLog.count("tailLines", ["tailLines": "3"]) == 3)
        #expect(try PodLog.count("tailLines", [:]) == nil)
        #expect(throws: APIServerError.self) { try PodLog.count("tailLines", ["tailLines": "-1"]) }
        #expect(throws: APIServerError.self) { try PodLog.count("limitBytes", ["limitBytes": "many"]) }
    }
}
