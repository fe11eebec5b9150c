import Foundation

/// A step of a scenario: its keyword-less text, and a doc string or table if it has one.
public struct Step: Sendable {
    public var text: String
    public var docString: String?
    public var table: [[String]]
}

/// One test case: a scenario, or one row of a scenario outline's examples.
public struct Scenario: Sendable {
    public var feature: String
    public var folder: String
    public var name: String
    public var steps: [Step]
}

/// Reads the Gherkin `.feature` files of the TCK: Feature, Background, Scenario,
/// Scenario Outline with Examples, steps with doc strings and tables.
public enum FeatureReader {
    public static func scenarios(file: String, folder: String) throws -> [Scenario] {
        // "\r\n" is one Character in Swift: normalise line ends before splitting.
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
        let lines = text.components(separatedBy: "\n")
        var feature = (file as NSString).lastPathComponent
        var background: [Step] = []
        var out: [Scenario] = []
        var i = 0
        var current: (name: String, outline: Bool, steps: [Step])?
        var examples: [[String]] = []
        var inBackground = false
        var inExamples = false

        func finish() {
            guard let c = current else { return }
            if c.outline {
                guard let header = examples.first else { return }
                for (n, row) in examples.dropFirst().enumerated() {
                    var steps = background
                    for s in c.steps {
                        var step = s
                        func fill(_ x: String) -> String {
                            var y = x
                            for (k, v) in zip(header, row) { y = y.replacingOccurrences(of: "<\(k)>", with: v) }
                            return y
                        }
                        step.text = fill(step.text)
                        step.docString = step.docString.map(fill)
                        step.table = step.table.map { $0.map(fill) }
                        steps.append(step)
                    }
                    out.append(Scenario(feature: feature, folder: folder, name: "\(c.name) #\(n + 1)", steps: steps))
                }
            } else {
                out.append(Scenario(feature: feature, folder: folder, name: c.name, steps: background + c.steps))
            }
            current = nil
            examples = []
            inExamples = false
        }

        while i < lines.count {
            let line = lines[i].trimmingCharacters(in: .whitespaces)
            i += 1
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("@") { continue }
            if line.hasPrefix("Feature:") {
                feature = String(line.dropFirst(8)).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("Background:") {
                inBackground = true
            } else if line.hasPrefix("Scenario Outline:") || line.hasPrefix("Scenario Template:") {
                finish()
                inBackground = false
                current = (String(line.drop { $0 != ":" }.dropFirst()).trimmingCharacters(in: .whitespaces), true, [])
            } else if line.hasPrefix("Scenario:") {
                finish()
                inBackground = false
                current = (String(line.dropFirst(9)).trimmingCharacters(in: .whitespaces), false, [])
            } else if line.hasPrefix("Examples:") {
                inExamples = true
            } else if line.hasPrefix("|") {
                let row = cells(line)
                if inExamples {
                    if examples.isEmpty || row != examples[0] { examples.append(row) }
                } else if inBackground {
                    background[background.count - 1].table.append(row)
                } else if var c = current, !c.steps.isEmpty {
                    c.steps[c.steps.count - 1].table.append(row)
                    current = c
                }
            } else if line.hasPrefix("\"\"\"") {
                var doc: [String] = []
                let indent = lines[i - 1].prefix { $0 == " " }.count
                while i < lines.count && !lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("\"\"\"") {
                    doc.append(String(lines[i].dropFirst(min(indent, lines[i].prefix { $0 == " " }.count))))
                    i += 1
                }
                i += 1
                let body = doc.joined(separator: "\n")
                if inBackground {
                    background[background.count - 1].docString = body
                } else if var c = current, !c.steps.isEmpty {
                    c.steps[c.steps.count - 1].docString = body
                    current = c
                }
            } else if let keyword = ["Given ", "And ", "When ", "Then ", "But "].first(where: { line.hasPrefix($0) }) {
                let step = Step(text: String(line.dropFirst(keyword.count)), docString: nil, table: [])
                if inBackground { background.append(step) } else { current?.steps.append(step) }
            }
        }
        finish()
        return out
    }

    /// The cells of a table row, with `\|` kept as a bar.
    static func cells(_ line: String) -> [String] {
        var out: [String] = []
        var cell = ""
        var escaped = false
        for ch in line.dropFirst() {
            if escaped {
                cell.append(ch == "|" ? "|" : ch == "n" ? "\n" : ch == "\\" ? "\\" : ch)
                if ch != "|" && ch != "n" && ch != "\\" { cell.insert("\\", at: cell.index(before: cell.endIndex)) }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "|" {
                out.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(ch)
            }
        }
        return out
    }
}
