import Foundation
import Testing

@testable import Scorer

@Suite struct SwaggerDocumentsTests {
    let documents = try! SwaggerDocuments(json: Data(#"""
        {"documents": {"2": "{\"swagger\": \"2.0\"}", "2.0": "{\"swagger\": \"2.0\"}"},
         "supported": ["2"], "valid": ["2", "2.0", "3", "3.0", "3.1"]}
        """#.utf8))

    @Test func defaultVersionIsTwo() {
        let response = documents.response(version: nil)
        #expect(response.status == .ok && String(buffer: response.body) == #"{"swagger": "2.0"}"#)
    }

    @Test func invalidVersionNamesTheSupportedOnes() {
        let response = documents.response(version: "5")
        #expect(response.status == .notFound)
        #expect(String(buffer: response.body) == #"{"message": "Swagger version [5] is not valid. Supported versions: [2]."}"#)
    }

    @Test func validButUnsupportedVersion() {
        let response = documents.response(version: "3")
        #expect(response.status == .notFound)
        #expect(String(buffer: response.body).contains("is not supported for the scoring script"))
    }

    @Test(arguments: [
        ("plain", #""plain""#), ("quote \" back \\", #""quote \" back \\""#), ("line\nnext", #""line\nnext""#),
        ("✓", #""\u2713""#), ("😀", #""\ud83d\ude00""#),
    ])
    func jsonStringsEscapeAsPythonDoes(text: String, expected: String) {
        #expect(jsonString(text) == expected)
    }
}
