/// What went wrong while exporting.
public struct ExportError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public let message: String
    /// The output file.
    public let path: String

    init(_ message: String, path: String) {
        self.message = message
        self.path = path
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
