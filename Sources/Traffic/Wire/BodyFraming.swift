import NIOCore

/// Follows a response body through the raw bytes an upstream sends, to find where it ends: a length counted down,
/// chunked framing tracked chunk by chunk (the bytes themselves pass on unchanged), or the connection's close.
/// It also hands out the payload (the data without chunk framing), for comparing mirrored answers.
struct BodyFraming {
    private enum State {
        case length(remaining: Int)
        /// Reading a chunk-size line (its bytes so far).
        case chunkSize(line: [UInt8])
        case chunkData(remaining: Int)
        /// The CRLF after a chunk's data (how many of its two bytes were seen).
        case chunkEnd(seen: Int)
        /// The trailer section after the last chunk: the current line's length so far.
        case trailers(lineLength: Int, previousLF: Bool)
        case untilClose
        case done
    }

    struct Malformed: Error, Equatable {
        var reason: String
    }

    private var state: State
    static let maxLine = 4096

    init(_ framing: ResponseHead.Framing) {
        switch framing {
        case .none: state = .done
        case .length(let length): state = .length(remaining: length)
        case .chunked: state = .chunkSize(line: [])
        case .untilClose: state = .untilClose
        }
    }

    var isUntilClose: Bool {
        if case .untilClose = state { return true }
        return false
    }

    var isDone: Bool {
        if case .done = state { return true }
        return false
    }

    /// Consumes bytes of `buffer` that belong to the body (all of them, or up to the body's end), calling `payload`
    /// with the data parts. Returns how many bytes belonged to the body.
    mutating func consume(_ buffer: ByteBuffer, payload: (ByteBuffer) -> Void = { _ in }) throws(Malformed) -> Int {
        let bytes = buffer.readableBytesView
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch state {
            case .done:
                return index - bytes.startIndex
            case .untilClose:
                payload(ByteBuffer(bytes: bytes[index...]))
                return bytes.count
            case .length(let remaining), .chunkData(let remaining):
                let take = min(remaining, bytes.endIndex - index)
                payload(ByteBuffer(bytes: bytes[index..<index + take]))
                index += take
                if case .length = state {
                    state = remaining == take ? .done : .length(remaining: remaining - take)
                } else {
                    state = remaining == take ? .chunkEnd(seen: 0) : .chunkData(remaining: remaining - take)
                }
            case .chunkEnd(let seen):
                guard bytes[index] == (seen == 0 ? 13 : 10) else { throw Malformed(reason: "chunk data not followed by CRLF") }
                index += 1
                state = seen == 0 ? .chunkEnd(seen: 1) : .chunkSize(line: [])
            case .chunkSize(var line):
                let byte = bytes[index]
                index += 1
                guard byte == 10 else {
                    line.append(byte)
                    guard line.count <= Self.maxLine else { throw Malformed(reason: "chunk-size line too long") }
                    state = .chunkSize(line: line)
                    continue
                }
                let size = try Self.chunkSize(line)
                state = size == 0 ? .trailers(lineLength: 0, previousLF: true) : .chunkData(remaining: size)
            case .trailers(let lineLength, _):
                let byte = bytes[index]
                index += 1
                if byte == 10 {
                    // An empty line (only CR before LF) ends the message.
                    state = lineLength == 0 ? .done : .trailers(lineLength: 0, previousLF: true)
                } else if byte != 13 {
                    guard lineLength < Self.maxLine else { throw Malformed(reason: "trailer line too long") }
                    state = .trailers(lineLength: lineLength + 1, previousLF: false)
                }
            }
        }
        return index - bytes.startIndex
    }

    private static func chunkSize(_ line: [UInt8]) throws(Malformed) -> Int {
        var digits = line
        if digits.last == 13 { digits.removeLast() }
        if let extensionStart = digits.firstIndex(of: UInt8(ascii: ";")) { digits = Array(digits[..<extensionStart]) }
        while digits.last == 32 || digits.last == 9 { digits.removeLast() }
        guard !digits.isEmpty, digits.count <= 15, let size = Int(String(decoding: digits, as: UTF8.self), radix: 16) else {
            throw Malformed(reason: "bad chunk size")
        }
        return size
    }
}
