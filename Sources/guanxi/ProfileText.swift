import Foundation
import GuanxiExport
import GuanxiExtraction
import GuanxiStore

/// Renders a profile for a terminal, as Markdown, or as JSON: the same content.
enum ProfileText {
    static func grouped(_ p: EntityProfile) -> [(String, [EntityProfile.Fact])] {
        let groups = Dictionary(grouping: p.facts, by: ProfileJSON.section)
        return ProfileJSON.order.compactMap { name in groups[name].map { (name, $0) } }
    }

    static func headline(_ f: EntityProfile.Fact) -> String {
        var s = f.outgoing ? "\(f.predicate) \(f.other.name) (\(f.other.type))" : "\(f.other.name) (\(f.other.type)) \(f.predicate)"
        if let role = f.role { s += "  role: \(role)" }
        if let amount = f.amount { s += "  amount: \(amount)" }
        if let y = f.amountYuan { s += "  ¥\(JSONLines.formatNumber(y))" }
        return s
    }

    static func citation(_ s: EntityProfile.Source) -> String {
        if s.origin.hasPrefix("gazetteer:") { return "\(s.origin) (administrative divisions, NBS 2023)" }
        var c = "\(s.document):\(s.line.map(String.init) ?? "?")  \(s.rule)"
        var reported: [String] = []
        if let date = s.date { reported.append("dated \(date)") }
        if let published = s.published { reported.append("published \(published)") }
        if let outlet = s.outlet { reported.append(outlet) }
        if !reported.isEmpty { c += "  (" + reported.joined(separator: ", ") + ")" }
        return c
    }

    /// Leaders of one unit with the same role at different dates: a succession, in
    /// order, not a conflict. Returns lines such as `党总支书记: 甲 (2019) → 乙 (2021-06)`.
    static func successions(_ p: EntityProfile) -> [String] {
        let leaders = p.facts.filter { $0.predicate == "leads" && !$0.outgoing && $0.role != nil && $0.when != nil }
        var lines: [String] = []
        for (role, facts) in Dictionary(grouping: leaders, by: { $0.role ?? "" }).sorted(by: { $0.key < $1.key }) {
            let people = Set(facts.map(\.other.id))
            guard people.count > 1 else { continue }
            let ordered = facts.sorted { ($0.when ?? "") < ($1.when ?? "") }
            lines.append("\(role): " + ordered.map { "\($0.other.name) (\($0.when ?? "?"))" }.joined(separator: " → "))
        }
        return lines
    }

    /// Wraps `text` to `width` display columns.
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var columns = 0
        for ch in text.unicodeScalars {
            let w = Terminal.width(ch)
            if columns + w > width && !current.isEmpty {
                lines.append(indent + current)
                current = ""
                columns = 0
            }
            current.unicodeScalars.append(ch)
            columns += w
        }
        if !current.isEmpty { lines.append(indent + current) }
        return lines
    }

    static func render(_ p: EntityProfile, colour: Bool) -> String {
        let width = max(40, (ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 100) - 8)
        func bold(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        func dim(_ s: String) -> String { colour ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
        var out = ["\(bold(p.node.name))  \(p.labels.joined(separator: ", "))  #\(p.node.id)"]
        out.append("  aliases:  \(p.aliases.isEmpty ? "—" : p.aliases.joined(separator: "、"))")
        if p.path.count > 1 { out.append("  place:    \(p.path.joined(separator: " › "))") }
        if let code = p.code { out.append("  code:     \(code)") }
        out.append("  seen in:  \(p.documents) document\(p.documents == 1 ? "" : "s"), \(p.mentions) mention\(p.mentions == 1 ? "" : "s")")
        let succession = successions(p)
        if !succession.isEmpty {
            out.append("")
            out.append(bold("Succession"))
            out += succession.map { "  " + $0 }
        }
        for (name, facts) in grouped(p) {
            out.append("")
            out.append(bold(name))
            for f in facts {
                out.append("  " + headline(f) + (f.when.map { "  [\($0)]" } ?? ""))
                for s in f.sources {
                    if let sentence = s.sentence { out += wrap("“\(sentence)”", width: width, indent: "      ") }
                    out.append("      " + dim(citation(s)))
                }
            }
        }
        if !p.cooccurring.isEmpty {
            out.append("")
            out.append(bold("Named in the same sentences"))
            out.append("  " + p.cooccurring.map { "\($0.0.name) (\($0.0.type)) ×\($0.1)" }.joined(separator: ", "))
        }
        return out.joined(separator: "\n")
    }

    static func markdown(_ p: EntityProfile) -> String {
        var out = ["# \(p.node.name)", "", "| | |", "|---|---|", "| type | \(p.labels.joined(separator: ", ")) |", "| id | \(p.node.id) |",
                   "| aliases | \(p.aliases.isEmpty ? "—" : p.aliases.joined(separator: "、")) |"]
        if p.path.count > 1 { out.append("| place | \(p.path.joined(separator: " › ")) |") }
        if let code = p.code { out.append("| code | \(code) |") }
        out.append("| seen in | \(p.documents) documents, \(p.mentions) mentions |")
        let succession = successions(p)
        if !succession.isEmpty { out += ["", "## Succession", ""] + succession.map { "- \($0)" } }
        for (name, facts) in grouped(p) {
            out += ["", "## \(name)", ""]
            for f in facts {
                out.append("- **\(headline(f))**" + (f.when.map { " [\($0)]" } ?? ""))
                for s in f.sources {
                    if let sentence = s.sentence { out.append("  - “\(sentence)” (`\(citation(s))`)") } else { out.append("  - `\(citation(s))`") }
                }
            }
        }
        if !p.cooccurring.isEmpty {
            out += ["", "## Named in the same sentences", ""]
            out += p.cooccurring.map { "- \($0.0.name) (\($0.0.type)) ×\($0.1)" }
        }
        return out.joined(separator: "\n")
    }
}
