/// A problem in a rule or gazetteer file, located by file and line.
public struct RuleFileError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file that holds the problem.
    public let file: String
    /// The 1-based line, or 0 when the problem concerns the whole file.
    public let line: Int
    /// What is wrong and how to fix it.
    public let message: String

    /// Creates an error at `file:line`.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the form editors and compilers use.
    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}
