import Testing

@testable import ServingAPI

@Suite struct YAMLReaderTests {
    @Test func readsBlockMappingsSequencesFlowAndComments() throws {
        let text = """
            # a comment
            apiVersion: v1   # trailing comment
            spec:
              traffic: {mnist-blue: 90, "mnist-green": 10}
              list:
              - a
              - 'it''s'
              -   - nested
                  - "esc\\t\\u00e9"
              - name: x
                value: "true"
              empty: []
              nothing:
              url: http://host:80/path#frag
              sameIndentList:
              - 1
              - 2.5
              - -3
              - null
              - ~
              - true
              - yes
              - 0x1F
            """
        let value = try #require(try JSONValue.parsingYAML(text).first)
        #expect(
            value == [
                "apiVersion": "v1",
                "spec": [
                    "traffic": ["mnist-blue": 90, "mnist-green": 10],
                    "list": ["a", "it's", ["nested", "esc\té"], ["name": "x", "value": "true"]],
                    "empty": [],
                    "nothing": nil,
                    "url": "http://host:80/path#frag",
                    "sameIndentList": [1, 2.5, -3, nil, nil, true, "yes", 31],
                ],
            ])
    }

    @Test func readsBlockScalarsWithChomping() throws {
        let text = """
            clip: |
              one
                two

            strip: |-
              x
            keep: |+
              y


            folded: >
              a
              b

              c
            after: z
            """
        let value = try #require(try JSONValue.parsingYAML(text).first)
        #expect(value["clip"] == "one\n  two\n")
        #expect(value["strip"] == "x")
        #expect(value["keep"] == "y\n\n\n")
        #expect(value["folded"] == "a b\nc\n")
        #expect(value["after"] == "z")
    }

    @Test func splitsDocumentsAndSkipsEmptyOnes() throws {
        let documents = try JSONValue.parsingYAML("---\na: 1\n---\n# only a comment\n---\n- b\n...\n")
        #expect(documents == [["a": 1], ["b"]])
    }

    @Test(arguments: [
        "a: 1\n  b: 2", "a: [1, 2", "a: \"open", "a: &anchor 1", "a: *alias", "a: 1\na: 2", "a: !tag x",
        "a:\n\t- 1", "- a\nb: 1",
    ])
    func refusesWhatItDoesNotRead(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parsingYAML(text) }
    }

    /// Whatever the writer produces, the reader gives back.
    @Test func readsBackWhatTheWriterWrites() throws {
        let value: JSONValue = [
            "strings": [
                "true", "on", "1", "", " lead", "trail ", "a: b", "a #b", "- x", "multi\nline\n", "no newline\nend",
                "kept\n\n", "tab\tin", "2026-01-02", "café", "q\"uote", "back\\slash", "=", "~", "#",
            ],
            "nested": [["a": [1, 2], "b": ["c": []]], [], [:], [[1], [2]]],
            "numbers": [0, -1, 2.5, 1e-7, 1e20],
        ]
        #expect(try JSONValue.parsingYAML(value.yamlText) == [value])
    }
}
