/// One 512-byte tar header block, parsed: POSIX ustar, with GNU and pax extension types recognised.
struct TarHeader: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case file, directory, symbolicLink, hardLink
        /// `x`: pax extended attributes for the next entry; `g`: global ones (ignored).
        case paxExtended, paxGlobal
        /// `L`: a GNU long name for the next entry.
        case gnuLongName
        case unsupported(UInt8)
    }

    static let blockSize = 512

    var name: String
    var size: Int64
    var kind: Kind

    /// Nil for an all-zero block (the end of the archive).
    static func parse(_ block: [UInt8]) throws(ModelFetchError) -> TarHeader? {
        precondition(block.count == blockSize)
        if block.allSatisfy({ $0 == 0 }) { return nil }
        let stored = try octal(block[148..<156], field: "checksum")
        let sum = block.enumerated().reduce(Int64(0)) { $0 + Int64((148..<156).contains($1.offset) ? 32 : $1.element) }
        guard stored == sum else {
            throw ModelFetchError(
                .invalidArchive, "not a tar archive: header checksum is \(stored), expected \(sum) (corrupt or not tar)")
        }
        var name = string(block[0..<100])
        let isPOSIXUstar = Array(block[257..<263]) == Array("ustar\0".utf8)
        let prefix = isPOSIXUstar ? string(block[345..<500]) : ""
        if !prefix.isEmpty { name = prefix + "/" + name }
        return TarHeader(name: name, size: try size(block[124..<136]), kind: kind(block[156]))
    }

    private static func kind(_ flag: UInt8) -> Kind {
        switch flag {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): .file
        case UInt8(ascii: "5"): .directory
        case UInt8(ascii: "1"): .hardLink
        case UInt8(ascii: "2"): .symbolicLink
        case UInt8(ascii: "x"): .paxExtended
        case UInt8(ascii: "g"): .paxGlobal
        case UInt8(ascii: "L"): .gnuLongName
        default: .unsupported(flag)
        }
    }

    /// Octal digits, or GNU base-256 when the high bit of the first byte is set.
    private static func size(_ field: ArraySlice<UInt8>) throws(ModelFetchError) -> Int64 {
        guard let first = field.first, first & 0x80 != 0 else { return try octal(field, field: "size") }
        var value: Int64 = Int64(first & 0x7f)
        for byte in field.dropFirst() {
            guard value < Int64.max >> 8 else { throw ModelFetchError(.invalidArchive, "tar entry size is too large") }
            value = value << 8 | Int64(byte)
        }
        return value
    }

    static func octal(_ field: ArraySlice<UInt8>, field name: String) throws(ModelFetchError) -> Int64 {
        var value: Int64 = 0
        var seenDigit = false
        for byte in field {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard value < Int64.max >> 3 else { throw ModelFetchError(.invalidArchive, "tar \(name) is too large") }
                value = value * 8 + Int64(byte - UInt8(ascii: "0"))
                seenDigit = true
            case UInt8(ascii: " ") where !seenDigit: continue
            case 0, UInt8(ascii: " "): return value
            default:
                throw ModelFetchError(.invalidArchive, "not a tar archive: the \(name) field is not an octal number")
            }
        }
        return value
    }

    /// The text up to the first NUL.
    static func string(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// The `path` (and `size`) of pax extended attribute records `"<length> <key>=<value>\n"`.
    static func paxAttributes(_ data: [UInt8]) throws(ModelFetchError) -> (path: String?, size: Int64?) {
        var path: String?
        var size: Int64?
        var index = 0
        while index < data.count {
            guard let space = data[index...].firstIndex(of: UInt8(ascii: " ")),
                let length = Int(String(decoding: data[index..<space], as: UTF8.self)), length > 0,
                index + length <= data.count, let equals = data[space..<(index + length)].firstIndex(of: UInt8(ascii: "="))
            else { throw ModelFetchError(.invalidArchive, "malformed pax extended header: expected \"<len> key=value\"") }
            let key = String(decoding: data[(space + 1)..<equals], as: UTF8.self)
            let value = String(decoding: data[(equals + 1)..<(index + length - 1)], as: UTF8.self)
            if key == "path" { path = value }
            if key == "size" { size = Int64(value) }
            index += length
        }
        return (path, size)
    }
}
