/// An error in a query, located by line and column, with the source line and a caret.
public struct QueryError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The stage that found it.
    public enum Stage: String, Sendable {
        case syntax = "syntax error"
        case semantic = "error"
        case runtime = "runtime error"
        case limit = "limit exceeded"
    }

    public let stage: Stage
    public let message: String
    /// 1-based line and column in the query text, 0 when not tied to a place.
    public let line: Int
    public let column: Int
    /// The query line the error is on.
    public let sourceLine: String

    init(_ stage: Stage, _ message: String, at position: SourcePosition? = nil, in source: QuerySource? = nil) {
        self.stage = stage
        self.message = message
        self.line = position?.line ?? 0
        self.column = position?.column ?? 0
        self.sourceLine = position.flatMap { source?.line($0.line) } ?? ""
    }

    /// `error: message`, then ` --> query:L:C`, the line and a caret under the column.
    public var description: String {
        guard line > 0 else { return "\(stage.rawValue): \(message)" }
        let gutter = String(line).count
        let pad = String(repeating: " ", count: gutter)
        var caretColumn = 0
        for (i, s) in sourceLine.unicodeScalars.enumerated() where i < column - 1 {
            caretColumn += QuerySource.displayWidth(s)
        }
        return """
            \(stage.rawValue): \(message)
            \(pad)--> query:\(line):\(column)
            \(line) | \(sourceLine)
            \(pad) | \(String(repeating: " ", count: caretColumn))^
            """
    }
}

/// A position in the query text.
public struct SourcePosition: Sendable, Hashable {
    public var offset: Int
    public var line: Int
    public var column: Int
}

/// The query text with its lines, for error messages.
public struct QuerySource: Sendable {
    public let scalars: [Unicode.Scalar]
    let lines: [String]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func line(_ n: Int) -> String { n >= 1 && n <= lines.count ? lines[n - 1] : "" }

    static func displayWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        return (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0x20000 && v <= 0x3FFFD) ? 2 : 1
    }
}
