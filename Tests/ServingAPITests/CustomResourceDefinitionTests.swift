import Foundation
import Testing

@testable import ServingAPI

@Suite struct CustomResourceDefinitionTests {
    struct Case: Sendable, CustomStringConvertible {
        let crd: CustomResourceDefinition
        let sample: @Sendable () -> (json: JSONValue, value: Any)
        var description: String { crd.resourceType.kind }
    }

    static let cases: [Case] = [
        Case(crd: Model.crd) { (FullSamples.model.json, FullSamples.model) },
        Case(crd: ModelDeployment.crd) { (FullSamples.deployment.json, FullSamples.deployment) },
        Case(crd: ModelEndpoint.crd) { (FullSamples.endpoint.json, FullSamples.endpoint) },
    ]

    @Test(arguments: cases) func fullSampleIsReallyFull(_ kind: Case) {
        let unset = MirrorWalk.nilPaths(kind.sample().value).filter { !$0.hasPrefix(".metadata") }
        #expect(unset == [])
    }

    /// A fully populated object encodes to JSON that the schema covers: no unknown fields, types, enums, bounds.
    @Test(arguments: cases) func schemaCoversTheEncodedObject(_ kind: Case) {
        #expect(SchemaChecker.problems(kind.sample().json, kind.crd.schema) == [])
    }

    /// Every stored field of spec and status is in the schema, and every schema property is a field of the types.
    @Test(arguments: cases) func schemaAndSwiftTypesDeclareTheSameFields(_ kind: Case) {
        let schemaPaths = SchemaChecker.propertyPaths(kind.crd.schema).filter {
            $0.hasPrefix(".spec") || $0.hasPrefix(".status")
        }
        let swiftPaths = MirrorWalk.fieldPaths(kind.sample().value).filter {
            $0.hasPrefix(".spec") || $0.hasPrefix(".status")
        }
        #expect(swiftPaths.count >= 10 && swiftPaths.contains(".spec.\(kind.crd.spec.properties.keys.sorted()[0])"))
        #expect(swiftPaths.subtracting(schemaPaths).sorted() == [], "fields missing from the schema")
        #expect(schemaPaths.subtracting(swiftPaths).sorted() == [], "schema properties the types lack")
        let encodedPaths = SchemaChecker.valuePaths(kind.sample().json, kind.crd.schema).filter {
            $0.hasPrefix(".spec") || $0.hasPrefix(".status")
        }
        #expect(schemaPaths.subtracting(encodedPaths).sorted() == [], "schema properties the sample does not encode")
    }

    /// Defaults are valid values of their own schema node (the API server refuses a CRD otherwise).
    @Test(arguments: cases) func defaultsSatisfyTheirSchema(_ kind: Case) {
        func check(_ node: SchemaNode, _ path: String) -> [String] {
            var problems = node.defaultValue.map { SchemaChecker.problems($0, node, path: path) } ?? []
            for (key, child) in node.properties { problems += check(child, "\(path).\(key)") }
            if let items = node.items?.node { problems += check(items, path + "[]") }
            return problems
        }
        #expect(check(kind.crd.schema, "") == [])
    }

    @Test func namesPrinterColumnsAndSubresources() {
        let crd = ModelEndpoint.crd.json
        #expect(crd[path: ["metadata", "name"]] == "modelendpoints.serving.swiftlet.dev")
        #expect(crd[path: ["spec", "scope"]] == "Namespaced")
        #expect(crd[path: ["spec", "names", "shortNames"]] == ["mep"])
        #expect(crd[path: ["spec", "names", "categories"]] == ["swiftlet"])
        let version = crd[path: ["spec", "versions"]]?.arrayValue?.first
        #expect(version?[path: ["subresources", "status"]] == [:])
        let columns = version?["additionalPrinterColumns"]?.arrayValue?.compactMap { $0["jsonPath"]?.stringValue }
        #expect(
            columns == [
                ".status.scoringURI", ".status.traffic", #".status.conditions[?(@.type=="Ready")].status"#,
                ".metadata.creationTimestamp",
            ])
        #expect(Model.crd.json[path: ["spec", "names", "shortNames"]] == ["mdl"])
        #expect(ModelDeployment.crd.json[path: ["spec", "names", "shortNames"]] == ["mdep"])
        #expect(
            ModelDeployment.crd.printerColumns.map(\.name) == ["Endpoint", "Model", "Ready", "Replicas", "Age"])
        #expect(Model.crd.printerColumns.map(\.name) == ["Model", "Version", "Format", "Ready", "Age"])
    }

    @Test func modelSpecIsImmutableExceptTagsAndDescription() {
        let rules = Model.crd.spec.rules.map(\.rule).filter { $0.contains("oldSelf") }
        let guarded = Set(Model.crd.spec.properties.keys.filter { key in rules.contains { $0.contains("self.\(key) ") } })
        #expect(guarded == Set(Model.crd.spec.properties.keys).subtracting(["tags", "description"]))
    }

    @Test func endpointTrafficRulesAreThere() {
        let rules = ModelEndpoint.crd.spec.rules.map(\.rule)
        #expect(
            rules.contains(
                "!has(self.traffic) || self.traffic.map(k, self.traffic[k]).sum() == 100 || self.traffic.all(k, self.traffic[k] == 0)"))
        #expect(rules.contains("!has(self.mirrorTraffic) || self.mirrorTraffic.all(k, self.mirrorTraffic[k] <= 50)"))
    }

    /// manifests/crds holds exactly what the generator writes: run `swift run swiftlet crds --output manifests/crds`.
    @Test func manifestsAreUpToDate() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../manifests/crds"
        ).standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.sorted() == ServingCRDs.manifests.map(\.fileName).sorted())
        for (fileName, contents) in ServingCRDs.manifests {
            let onDisk = try String(contentsOf: directory.appendingPathComponent(fileName), encoding: .utf8)
            #expect(onDisk == contents, "\(fileName) is stale: run swift run swiftlet crds --output manifests/crds")
        }
    }

    /// The generated YAML reads back (with our reader) as the CRD's JSON.
    @Test(arguments: cases) func manifestReadsBackAsTheCRD(_ kind: Case) throws {
        let documents = try JSONValue.parsingYAML(ServingCRDs.manifest(of: kind.crd))
        #expect(documents == [kind.crd.json])
    }
}
