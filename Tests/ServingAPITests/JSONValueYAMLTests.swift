import Foundation
import Testing

@testable import ServingAPI

@Suite struct JSONValueYAMLTests {
    @Test func writesBlockYAMLWithSortedKeysAndKubectlStyleLists() {
        let value: JSONValue = [
            "spec": ["versions": [["name": "v1", "served": true], ["name": "v2", "served": false]], "empty": [:]],
            "apiVersion": "v1",
            "list": ["a", ["b", "c"], []],
            "count": 3,
            "ratio": 0.5,
            "none": nil,
        ]
        #expect(
            value.yamlText == """
                apiVersion: v1
                count: 3
                list:
                - a
                - - b
                  - c
                - []
                none: null
                ratio: 0.5
                spec:
                  empty: {}
                  versions:
                  - name: v1
                    served: true
                  - name: v2
                    served: false

                """)
    }

    @Test(arguments: [
        ("true", "\"true\""), ("on", "\"on\""), ("Off", "\"Off\""), ("y", "\"y\""), ("NULL", "\"NULL\""), ("~", "\"~\""),
        ("", "\"\""), ("1", "\"1\""), ("1.5", "\"1.5\""), ("1e3", "\"1e3\""), ("0x1F", "\"0x1F\""), ("-1", "\"-1\""),
        (".5", "\".5\""), (".inf", "\".inf\""), ("2026-01-02", "\"2026-01-02\""), (" lead", "\" lead\""),
        ("trail ", "\"trail \""), ("a: b", "\"a: b\""), ("key:", "\"key:\""), ("a #b", "\"a #b\""), ("#x", "\"#x\""),
        ("- x", "\"- x\""), ("-", "\"-\""), ("*ref", "\"*ref\""), ("&a", "\"&a\""), ("!tag", "\"!tag\""),
        ("{a}", "\"{a}\""), ("[a]", "\"[a]\""), ("@x", "\"@x\""), ("%x", "\"%x\""), ("'q'", "\"'q'\""),
        ("=", "\"=\""), ("<<", "\"<<\""), ("tab\there", "\"tab\\there\""), ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("bell\u{7}", "\"bell\\x07\""), ("café", "\"café\""),
        // Plain where every reader agrees.
        ("mnist-blue", "mnist-blue"), ("https://models.example.com/m.onnx", "https://models.example.com/m.onnx"),
        ("nvidia.com/gpu", "nvidia.com/gpu"), ("/ready", "/ready"), ("1Gi", "\"1Gi\""), ("hello world", "hello world"),
        ("x-kubernetes-validations", "x-kubernetes-validations"), ("-foo", "-foo"), ("a,b", "a,b"),
    ])
    func quotesStringsThatYAMLWouldMisread(text: String, yaml: String) {
        #expect(JSONValue.string(text).yamlText == yaml + "\n")
        #expect(JSONValue.object([text: 1]).yamlText == yaml + ": 1\n")
    }

    @Test func multiLineStringsBecomeBlockLiteralsWithTheRightChomping() {
        let value: JSONValue = ["a": "one\ntwo", "b": "line\n", "c": "kept\n\n", "d": ["x\n  y\n"], "e": " indented\nz"]
        #expect(
            value.yamlText == """
                a: |-
                  one
                  two
                b: |
                  line
                c: |+
                  kept

                d:
                - |
                  x
                    y
                e: " indented\\nz"

                """)
    }

    @Test func numbersKeepTheirKind() {
        #expect(JSONValue.double(2).yamlText == "2\n")
        #expect(JSONValue.double(1e-7).yamlText == "1.0e-07\n")
        #expect(JSONValue.double(.infinity).yamlText == ".inf\n")
        #expect(JSONValue.int(-42).yamlText == "-42\n")
    }

    @Test func streamSeparatesDocuments() {
        #expect(JSONValue.yamlStream([["a": 1], ["b": 2]]) == "a: 1\n---\nb: 2\n")
    }

    /// When Python with PyYAML is installed, what we write reads back as the same JSON.
    @Test(.enabled(if: PyYAML.isAvailable)) func pyYAMLReadsBackWhatWeWrite() throws {
        var tricky: [String: JSONValue] = [:]
        for (index, text) in [
            "true", "on", "1", "", " x", "x ", "a: b", "a #b", "- x", "multi\nline\n", "tab\t", "2026-01-02T03:04:05Z",
            "café ☕", "1:20", "0o17", "=", "~", "\"q\"", "back\\slash", "end\n\n\n", "nul\u{0}", "y", "NO",
        ].enumerated() {
            tricky["k\(index)"] = .string(text)
            tricky[text.isEmpty ? "empty" : text] = .int(Int64(index))
        }
        let value: JSONValue = [
            "strings": .object(tricky), "numbers": [1, -2, 0.25, 1e-7, 1e20], "flags": [true, false, nil],
            "crds": .array(ServingCRDs.all.map(\.json)),
        ]
        let json = try PyYAML.toJSON(value.yamlText)
        #expect(json == value)
    }
}

/// Python's yaml module, when present: reads YAML on stdin and writes JSON on stdout.
enum PyYAML {
    static let isAvailable: Bool = (try? run("import yaml", input: "")) != nil

    static func toJSON(_ yaml: String) throws -> JSONValue {
        let output = try run(
            "import json, sys, yaml\nprint(json.dumps(yaml.safe_load(sys.stdin.read())))", input: yaml)
        return try JSONValue(parsing: output)
    }

    struct Failure: Error { let message: String }

    private static func run(_ script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(message: "python3 exited \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}
