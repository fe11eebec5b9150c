/// A file that cannot be imported: what is wrong, with the file and line.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let file: String
    public let line: Int?

    init(_ message: String, file: String, line: Int? = nil) {
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
