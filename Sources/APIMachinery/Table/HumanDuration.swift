/// Durations as kubectl prints ages (`duration.HumanDuration` in k8s.io/apimachinery): two significant units at
/// most, coarser as the duration grows ("5s", "3m2s", "12m", "4h5m", "10h", "2d3h", "12d", "2y30d", "9y").
enum HumanDuration {
    static func text(seconds total: Double) -> String {
        let seconds = Int(total.rounded(.towardZero))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 { return join(minutes, "m", seconds % 60, "s") }
        if minutes < 180 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 { return join(hours, "h", minutes % 60, "m") }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 { return join(hours / 24, "d", hours % 24, "h") }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 { return join(hours / 24 / 365, "y", (hours / 24) % 365, "d") }
        return "\(hours / 24 / 365)y"
    }

    private static func join(_ major: Int, _ majorUnit: String, _ minor: Int, _ minorUnit: String) -> String {
        minor == 0 ? "\(major)\(majorUnit)" : "\(major)\(majorUnit)\(minor)\(minorUnit)"
    }
}
