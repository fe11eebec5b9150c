/// What went wrong while reading an article, with the file it concerns.
public struct TextError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The kinds of failure the text layer reports.
    public enum Code: Sendable, Equatable {
        /// The file could not be opened or read.
        case unreadable(reason: String)
        /// The bytes are neither valid UTF-8 nor clean GB18030; `byteOffset` is the first
        /// bad UTF-8 sequence.
        case notUTF8(byteOffset: Int)
        /// A UTF-16 file (by its BOM) holds a bad sequence at `byteOffset`.
        case notUTF16(byteOffset: Int)
        /// The file holds NUL bytes: it is binary, not an article.
        case binary(byteOffset: Int)
        /// The path names a directory where a file was expected.
        case isDirectory
    }

    /// The file the error concerns.
    public let path: String
    /// What went wrong.
    public let code: Code

    /// Creates an error for `path`.
    public init(path: String, code: Code) {
        self.path = path
        self.code = code
    }

    /// A message that names the file, says what failed and how it may be remedied.
    public var description: String {
        switch code {
        case .unreadable(let reason):
            return "\(path): cannot read the file: \(reason)"
        case .notUTF8(let offset):
            return "\(path): not valid UTF-8 (first bad byte sequence at byte offset \(offset)), nor GB18030; "
                + "convert the file to UTF-8, e.g. with `iconv -f BIG5 -t UTF-8`"
        case .notUTF16(let offset):
            return "\(path): starts with a UTF-16 byte-order mark but holds a bad sequence at byte offset \(offset)"
        case .binary(let offset):
            return "\(path): looks like a binary file (NUL byte at byte offset \(offset)), not an article"
        case .isDirectory:
            return "\(path): is a directory, not an article file"
        }
    }
}
