import Foundation

/// Reads article files and decodes them into `SourceText`.
public enum DocumentDecoder {
    /// Reads and decodes the file at `path`.
    /// - Throws: `TextError` naming the file when it cannot be read or is not text.
    public static func read(path: String) throws -> SourceText {
        let name = (path as NSString).lastPathComponent
        return try decode(bytes: readBytes(path), name: name, path: path)
    }

    /// The bytes of the file at `path`, read straight into one array (no `Data` to
    /// copy from): this runs once a document on every build.
    /// - Throws: `TextError` naming the file when it cannot be read.
    public static func readBytes(_ path: String) throws -> [UInt8] {
        func failure(_ code: Int32) -> TextError {
            let reason = code == ENOENT ? "no such file" : code == EACCES ? "permission denied" : String(cString: strerror(code))
            return TextError(path: path, code: .unreadable(reason: reason))
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw failure(errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(errno) }
        if info.st_mode & S_IFMT == S_IFDIR { throw TextError(path: path, code: .isDirectory) }
        var bytes: [UInt8] = []
        // The size stat reports, plus room to notice a file that grew meanwhile.
        var chunk = max(Int(info.st_size), 0) + 1
        while true {
            var readError: Int32 = 0
            let before = bytes.count
            let piece = [UInt8](unsafeUninitializedCapacity: chunk) { buffer, initialized in
                var filled = 0
                while filled < chunk {
                    let n = Glibc.read(fd, buffer.baseAddress.map { $0 + filled }, chunk - filled)
                    if n < 0 {
                        if errno == EINTR { continue }
                        readError = errno
                        break
                    }
                    if n == 0 { break }
                    filled += n
                }
                initialized = filled
            }
            if bytes.isEmpty { bytes = piece } else { bytes.append(contentsOf: piece) }
            if readError != 0 { throw failure(readError) }
            if bytes.count - before < chunk { return bytes }
            chunk = 65_536
        }
    }

    /// Decodes an article's bytes: UTF-8 (with or without BOM) and UTF-16 LE/BE with a
    /// BOM are read as such; bytes that are not valid UTF-8 are decoded as GB18030
    /// (which covers GBK and GB2312) when they decode cleanly. A file that is valid
    /// UTF-8 stays UTF-8: the encoding is detected, never guessed.
    /// - Throws: `TextError` naming the byte offset of the first bad sequence, or
    ///   `.binary` for a NUL byte in a file without a UTF-16 BOM.
    public static func decode(bytes: [UInt8], name: String, path: String) throws -> SourceText {
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let little = bytes[0] == 0xFF
            return SourceText(name: name, path: path, scalars: try utf16(bytes, little: little, path: path),
                              encoding: little ? "UTF-16LE" : "UTF-16BE")
        }
        var start = 0
        var encoding = "UTF-8"
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            start = 3
            encoding = "UTF-8 with BOM"
        }
        if let nul = firstNUL(in: bytes, from: start) {
            throw TextError(path: path, code: .binary(byteOffset: nul))
        }
        switch utf8(bytes, from: start) {
        case .success(let scalars):
            return SourceText(name: name, path: path, scalars: scalars, encoding: encoding)
        case .failure(let badOffset):
            guard start == 0, let scalars = GB18030.decode(bytes) else {
                throw TextError(path: path, code: .notUTF8(byteOffset: badOffset.offset))
            }
            return SourceText(name: name, path: path, scalars: scalars, encoding: "GB18030")
        }
    }

    struct BadOffset: Error { let offset: Int }

    /// The offset of the first NUL byte at or after `start` (memchr, not a loop over
    /// the array's indices).
    static func firstNUL(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, start < buffer.count,
                  let hit = memchr(base + start, 0, buffer.count - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Strict UTF-8 (no overlong forms, surrogates or values past U+10FFFF), decoded
    /// by hand over the raw bytes: the standard library's decoder costs about forty
    /// instructions a byte here, this one a handful, and it runs over every article.
    static func utf8(_ bytes: [UInt8], from start: Int) -> Result<[Unicode.Scalar], BadOffset> {
        var bad = -1
        let scalars = bytes.withUnsafeBufferPointer { buffer -> [Unicode.Scalar] in
            let n = buffer.count
            return [Unicode.Scalar](unsafeUninitializedCapacity: max(n - start, 0)) { out, initialized in
                var i = start, k = 0
                while i < n {
                    let b0 = UInt32(buffer[i])
                    if b0 < 0x80 {
                        out[k] = Unicode.Scalar(UInt8(truncatingIfNeeded: b0))
                        i += 1
                        k += 1
                        continue
                    }
                    // Most of an article: a three-byte character (CJK, full-width punctuation).
                    if b0 & 0xF0 == 0xE0 && i + 2 < n {
                        let b1 = UInt32(buffer[i + 1]), b2 = UInt32(buffer[i + 2])
                        let value = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
                        if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && value >= 0x800 && value & 0xF800 != 0xD800 {
                            // Checked above: a scalar value below U+10000 and no surrogate.
                            out[k] = unsafeBitCast(value, to: Unicode.Scalar.self)
                            i += 3
                            k += 1
                            continue
                        }
                    }
                    let length: Int, minimum: UInt32
                    var value: UInt32
                    if b0 & 0xE0 == 0xC0 {
                        (length, minimum, value) = (2, 0x80, b0 & 0x1F)
                    } else if b0 & 0xF0 == 0xE0 {
                        (length, minimum, value) = (3, 0x800, b0 & 0x0F)
                    } else if b0 & 0xF8 == 0xF0 {
                        (length, minimum, value) = (4, 0x10000, b0 & 0x07)
                    } else {
                        bad = i
                        break
                    }
                    guard i + length <= n else { bad = i; break }
                    var valid = true
                    for j in 1..<length {
                        let c = UInt32(buffer[i + j])
                        valid = valid && c & 0xC0 == 0x80
                        value = value << 6 | (c & 0x3F)
                    }
                    // Unicode.Scalar rejects surrogates and values past U+10FFFF itself.
                    guard valid, value >= minimum, let scalar = Unicode.Scalar(value) else { bad = i; break }
                    out[k] = scalar
                    i += length
                    k += 1
                }
                initialized = k
            }
        }
        return bad >= 0 ? .failure(BadOffset(offset: bad)) : .success(scalars)
    }

    static func utf16(_ bytes: [UInt8], little: Bool, path: String) throws -> [Unicode.Scalar] {
        guard bytes.count % 2 == 0 else { throw TextError(path: path, code: .notUTF16(byteOffset: bytes.count - 1)) }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            i += 2
        }
        var scalars: [Unicode.Scalar] = []
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var consumed = 2
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s.value == 0 { throw TextError(path: path, code: .binary(byteOffset: consumed)) }
                scalars.append(s)
                consumed += s.value > 0xFFFF ? 4 : 2
            case .emptyInput:
                return scalars
            case .error:
                throw TextError(path: path, code: .notUTF16(byteOffset: consumed))
            }
        }
    }
}
