import Foundation

/// Reads article files and decodes them into `SourceText`.
public enum DocumentDecoder {
    /// Reads and decodes the file at `path`.
    /// - Throws: `TextError` naming the file when it cannot be read or is not text.
    public static func read(path: String) throws -> SourceText {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw TextError(path: path, code: .isDirectory)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            throw TextError(path: path, code: .unreadable(reason: reason))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw TextError(path: path, code: .unreadable(reason: "\(error.localizedDescription)"))
        }
        let name = (path as NSString).lastPathComponent
        return try decode(bytes: [UInt8](data), name: name, path: path)
    }

    /// Decodes UTF-8 bytes, with or without a byte-order mark.
    /// - Throws: `TextError.Code.notUTF8` with the offset of the first bad byte, or
    ///   `.binary` for a NUL byte.
    public static func decode(bytes: [UInt8], name: String, path: String) throws -> SourceText {
        var start = 0
        var encoding = "UTF-8"
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            start = 3
            encoding = "UTF-8 with BOM"
        }
        if let nul = bytes[start...].firstIndex(of: 0) {
            throw TextError(path: path, code: .binary(byteOffset: nul))
        }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count / 2)
        var decoder = UTF8()
        var iterator = bytes[start...].makeIterator()
        var consumed = start
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                scalars.append(s)
                consumed += UTF8.width(s)
            case .emptyInput:
                break loop
            case .error:
                throw TextError(path: path, code: .notUTF8(byteOffset: consumed))
            }
        }
        return SourceText(name: name, path: path, scalars: scalars, encoding: encoding)
    }
}
