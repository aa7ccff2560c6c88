import ServingAPI

/// Schema checks for custom resources (the CRD's structural openAPIV3Schema). Wired to APIMachinery's
/// `StructuralSchema` once that lands; until then custom resources get only the generic metadata checks.
enum CustomResourceValidation {
    static func causes(_ object: JSONValue, old: JSONValue?, _ info: ResourceInfo) -> [K8s.Status.Cause] {
        []
    }
}
