import Foundation

/// Reads a tab-separated UTF-8 data file line by line on its bytes: `#` lines are
/// comments, empty lines are skipped, fields are split at tabs only (a field may be
/// empty). Faster than `RuleFile` for the large derived lexicons.
enum TabFile {
    /// Calls `body` with the fields, the 1-based line number and the path of each data line.
    /// - Throws: `RuleFileError` when the file cannot be read or is not UTF-8, and
    ///   whatever `body` throws.
    static func read(_ path: String, _ body: ([String], Int, String) throws -> Void) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleFileError(file: path, line: 0, message: "cannot read the lexicon file")
        }
        var line = 0
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                line += 1
                var stop = end
                if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
                if stop > start && bytes[start] != 0x23 {
                    var fields: [String] = []
                    var fieldStart = start
                    for i in start...stop where i == stop || bytes[i] == 0x09 {
                        guard let field = String(validating: UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), as: UTF8.self) else {
                            throw RuleFileError(file: path, line: line, message: "not valid UTF-8")
                        }
                        fields.append(field)
                        fieldStart = i + 1
                    }
                    try body(fields, line, path)
                }
                start = end + 1
            }
        }
    }
}
