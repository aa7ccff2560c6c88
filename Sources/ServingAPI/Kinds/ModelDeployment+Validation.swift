extension ModelDeployment {
    /// The model a deployment serves, once checked: a Model by name, or an inline model.
    public enum ModelChoice: Sendable, Hashable {
        case ref(String)
        case inline(ModelSource)
    }

    /// Checks names, the model reference, the scorer settings, resources, scaling and probes (the rules the CRD
    /// schema states, for objects that did not come through an API server); returns the model to serve.
    public func validated() throws(ServingAPIError) -> ModelChoice {
        if let name = metadata.name { try DNS1123.checkLabel(name, field: "metadata.name") }
        try DNS1123.checkLabel(spec.endpoint, field: "spec.endpoint")
        if let scorer = spec.scorer { try scorer.validate() }
        if let accelerator = spec.resources?.accelerator {
            guard !accelerator.type.isEmpty else { throw .invalid("spec.resources.accelerator.type", "expected a resource name, e.g. nvidia.com/gpu") }
            try checkRange(accelerator.count, 1...64, "spec.resources.accelerator.count")
        }
        if let scale = spec.scale { try scale.validate() }
        if spec.scale?.targetCPUUtilization != nil, spec.resources?.requests?["cpu"] == nil {
            throw .invalid("spec.resources.requests.cpu",
                "missing: targetCPUUtilization is a share of the CPU request (e.g. requests: {cpu: \"1\"})")
        }
        if let probes = spec.probes { try probes.validate() }
        return try spec.model.validated()
    }
}

extension ModelDeployment.ModelRef {
    func validated() throws(ServingAPIError) -> ModelDeployment.ModelChoice {
        switch (ref, uri) {
        case (let ref?, nil):
            try DNS1123.checkSubdomain(ref, field: "spec.model.ref")
            guard format == nil, sha256 == nil, entryScript == nil else {
                throw .invalid(
                    "spec.model", "with ref, format, sha256 and entryScript come from the Model: expected none of them")
            }
            return .ref(ref)
        case (nil, let uri?):
            guard let format else { throw .invalid("spec.model.format", "required with an inline uri: onnx or python") }
            return .inline(
                try ModelSource(uri: uri, format: format, sha256: sha256, entryScript: entryScript, fieldPrefix: "spec.model"))
        case (.some, .some):
            throw .invalid("spec.model", "both ref and uri given: expected exactly one")
        case (nil, nil):
            throw .invalid("spec.model", "expected ref (a Model's name) or an inline uri")
        }
    }
}

extension ModelDeployment.Scorer {
    func validate() throws(ServingAPIError) {
        try checkRange(workers, 1...64, "spec.scorer.workers")
        try checkRange(maxBatchSize, 1...4096, "spec.scorer.maxBatchSize")
        try checkRange(batchTimeoutMs, 0...10_000, "spec.scorer.batchTimeoutMs")
        try checkRange(requestTimeoutMs, 1...3_600_000, "spec.scorer.requestTimeoutMs")
        try checkRange(maxConcurrentRequests, 1...100_000, "spec.scorer.maxConcurrentRequests")
        try checkRange(maxQueueWaitMs, 0...3_600_000, "spec.scorer.maxQueueWaitMs")
        for (index, variable) in (env ?? []).enumerated() {
            let field = "spec.scorer.env[\(index)]"
            guard !variable.name.isEmpty, !variable.name.contains("=") else {
                throw .invalid("\(field).name", "\"\(variable.name)\": expected a non-empty name without '='")
            }
            guard variable.value == nil || variable.valueFrom == nil else {
                throw .invalid(field, "both value and valueFrom given: expected at most one")
            }
            if let source = variable.valueFrom, (source.secretKeyRef == nil) == (source.configMapKeyRef == nil) {
                throw .invalid("\(field).valueFrom", "expected exactly one of secretKeyRef, configMapKeyRef")
            }
        }
    }
}

extension ModelDeployment.Scale {
    func validate() throws(ServingAPIError) {
        try checkRange(minReplicas, 0...1000, "spec.scale.minReplicas")
        try checkRange(maxReplicas, 1...1000, "spec.scale.maxReplicas")
        try checkRange(targetConcurrency, 1...100_000, "spec.scale.targetConcurrency")
        try checkRange(targetCPUUtilization, 1...100, "spec.scale.targetCPUUtilization")
        let minimum = minReplicas ?? Defaults.minReplicas
        if let maxReplicas, maxReplicas < minimum {
            throw .invalid("spec.scale.maxReplicas", "\(maxReplicas): expected at least minReplicas (\(minimum))")
        }
        if targetConcurrency != nil, targetCPUUtilization != nil {
            throw .invalid("spec.scale", "both targetConcurrency and targetCPUUtilization given: expected one")
        }
        if minimum == 0, targetCPUUtilization != nil {
            throw .invalid(
                "spec.scale.minReplicas", "0 needs targetConcurrency (the router scales from zero): CPU autoscaling "
                    + "expects minReplicas of 1 or more")
        }
    }
}

extension ModelDeployment.Probes {
    func validate() throws(ServingAPIError) {
        for (path, field) in [(readinessPath, "readinessPath"), (livenessPath, "livenessPath")] {
            if let path, !path.hasPrefix("/") {
                throw .invalid("spec.probes.\(field)", "\"\(path)\": expected an HTTP path starting with '/'")
            }
        }
        try checkRange(initialDelaySeconds, 0...3600, "spec.probes.initialDelaySeconds")
    }
}

func checkRange(_ value: Int?, _ range: ClosedRange<Int>, _ field: String) throws(ServingAPIError) {
    guard let value, !range.contains(value) else { return }
    throw .invalid(field, "\(value): expected \(range.lowerBound)...\(range.upperBound)")
}
