/// Kubernetes name rules (RFC 1123), checked once where a name enters the API.
public enum DNS1123 {
    /// A label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.
    /// Names of ModelDeployments and ModelEndpoints (they name Services) and `modelName` (it goes into labels).
    public static let labelPattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
    /// A subdomain: labels joined by '.', at most 253 characters. Names of Models, Secrets.
    public static let subdomainPattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"

    public static func isLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count), isAlphanumeric(bytes.first!), isAlphanumeric(bytes.last!) else {
            return false
        }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    public static func isSubdomain(_ text: String) -> Bool {
        text.utf8.count <= 253 && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
            isLabel(String($0))
        }
    }

    static func checkLabel(_ text: String, field: String) throws(ServingAPIError) {
        guard isLabel(text) else {
            throw .invalid(
                field, "\"\(text)\" is not a DNS-1123 label: expected at most 63 characters of a-z, 0-9 and '-', "
                    + "starting and ending with a letter or digit")
        }
    }

    static func checkSubdomain(_ text: String, field: String) throws(ServingAPIError) {
        guard isSubdomain(text) else {
            throw .invalid(
                field, "\"\(text)\" is not a DNS-1123 subdomain: expected at most 253 characters of a-z, 0-9, '-' "
                    + "and '.', each part starting and ending with a letter or digit")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
