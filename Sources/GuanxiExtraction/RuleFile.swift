import Foundation

/// One line of a rule file: its fields and where it came from.
public struct RuleLine: Sendable {
    /// The whitespace-separated fields of the line.
    public let fields: [String]
    /// The 1-based line number.
    public let line: Int
}

/// A rule file: plain UTF-8 text, one entry per line, fields separated by spaces or
/// tabs, `#` starting a comment. Every rule file of Guanxi has this shape.
public struct RuleFile: Sendable {
    /// The path it was read from.
    public let path: String
    /// Its non-empty, non-comment lines.
    public let lines: [RuleLine]

    /// Parses `text` as the contents of `path`.
    public init(path: String, text: String) {
        self.path = path
        var out: [RuleLine] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{3000}" })
                .map { String($0.unicodeScalars.map { Character(GuanxiTextBridge.normalized($0)) }) }
            if !fields.isEmpty { out.append(RuleLine(fields: fields, line: number)) }
        }
        self.lines = out
    }

    /// Reads the rule file at `path`.
    /// - Throws: `RuleFileError` when it cannot be read or is not UTF-8.
    public static func read(_ path: String) throws -> RuleFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleFileError(file: path, line: 0, message: "cannot read the rule file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleFileError(file: path, line: 0, message: "not valid UTF-8")
        }
        return RuleFile(path: path, text: text)
    }

    /// Each line's fields, checking that the count lies in `range`.
    /// - Throws: `RuleFileError` at the first line with the wrong number of fields.
    public func entries(fields range: ClosedRange<Int>, shape: String) throws -> [RuleLine] {
        for line in lines where !range.contains(line.fields.count) {
            throw RuleFileError(file: path, line: line.line,
                                message: "expected \(shape), found \(line.fields.count) field(s): \(line.fields.joined(separator: " "))")
        }
        return lines
    }
}
