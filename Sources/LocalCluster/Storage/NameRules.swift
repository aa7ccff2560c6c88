/// The name formats Kubernetes validates (RFC 1123 labels and subdomains, label values, qualified names),
/// with the real server's messages.
enum NameRules {
    private static let dnsLabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    private static let dnsSubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    private static let labelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

    static func dnsLabelProblem(_ name: String) -> String? {
        if name.count > 63 { return "must be no more than 63 characters" }
        return isDNSLabel(name) ? nil : dnsLabelMessage
    }

    static func dnsSubdomainProblem(_ name: String) -> String? {
        if name.count > 253 { return "must be no more than 253 characters" }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { isDNSLabel(String($0)) } ? nil : dnsSubdomainMessage
    }

    static func labelValueProblem(_ value: String) -> String? {
        if value.isEmpty { return nil }
        if value.count > 63 { return "must be no more than 63 characters" }
        return isAlphanumericEnds(value, inner: "-_.") ? nil : labelValueMessage
    }

    /// A label key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters.
    static func qualifiedNameProblem(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 2 { return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')" }
        if parts.count == 2, let problem = dnsSubdomainProblem(parts[0]) { return "prefix part \(problem)" }
        let name = parts.last ?? ""
        if name.isEmpty || name.count > 63 || !isAlphanumericEnds(name, inner: "-_.") {
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        }
        return nil
    }

    private static func isDNSLabel(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        let allowed = text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        return allowed && first != "-" && last != "-"
    }

    private static func isAlphanumericEnds(_ text: String, inner: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        func alphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
        return alphanumeric(first) && alphanumeric(last) && text.allSatisfy { alphanumeric($0) || inner.contains($0) }
    }
}
