import Foundation
import ServingAPI

/// The string formats the apiserver checks (kube-openapi's strfmt registry, the ones CRDs commonly use).
/// Unknown formats, and number formats such as `int32`/`int64`/`double`, are accepted without a check.
enum StringFormat {
    static func accepts(_ format: String, _ text: String) -> Bool {
        switch format {
        case "date-time": return K8s.parseTimestamp(text) ?? parseRFC3339Offset(text) != nil
        case "date": return text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil && parseRFC3339Offset(text + "T00:00:00Z") != nil
        case "byte": return Data(base64Encoded: text) != nil
        case "uuid": return text.wholeMatch(of: /(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) != nil
        case "ipv4": return isIPv4(text)
        case "hostname":
            return text.count <= 255 && text.wholeMatch(of: /(?i)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*/) != nil
        default: return true
        }
    }

    private static func parseRFC3339Offset(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.date(from: text)
    }

    private static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            guard let number = Int(part), part.count <= 3, String(number) == part else { return false }
            return number <= 255
        }
    }
}
