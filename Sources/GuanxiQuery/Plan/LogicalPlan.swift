/// The logical plan: the query as a pipeline of operators, each consuming the rows of
/// the one before. `EXPLAIN` prints it.
indirect enum LogicalOperator: Sendable {
    /// One empty row: where every query starts.
    case unit
    /// Rows extended with the matches of patterns (left-joined when optional), filtered.
    case match(input: LogicalOperator, patterns: [PathPattern], optional: Bool, predicate: Expression?)
    /// One row per element of a list.
    case unwind(input: LogicalOperator, list: Expression, alias: String)
    /// Projection, with grouping when it aggregates, then order, skip and limit.
    case project(input: LogicalOperator, projection: Projection, aggregates: Bool, final: Bool)
    /// Rows kept where a predicate holds (WITH … WHERE).
    case filter(input: LogicalOperator, predicate: Expression)
    /// The rows of several queries, with or without duplicates.
    case union([LogicalOperator], all: [Bool])

    /// The plan as indented lines, innermost last.
    func lines(indent: Int = 0) -> [String] {
        let pad = String(repeating: "  ", count: indent)
        switch self {
        case .unit:
            return [pad + "Unit"]
        case .match(let input, let patterns, let optional, let predicate):
            var line = pad + (optional ? "OptionalMatch " : "Match ") + patterns.map(Self.describe).joined(separator: ", ")
            if predicate != nil { line += " WHERE …" }
            return [line] + input.lines(indent: indent + 1)
        case .unwind(let input, _, let alias):
            return [pad + "Unwind AS \(alias)"] + input.lines(indent: indent + 1)
        case .project(let input, let p, let aggregates, let final):
            var line = pad + (final ? "Return " : "With ") + (p.distinct ? "DISTINCT " : "")
            line += (p.star ? ["*"] : []).joined() + p.items.map { $0.alias ?? $0.text }.joined(separator: ", ")
            if aggregates { line += "  [aggregate]" }
            if !p.order.isEmpty { line += "  [order]" }
            if p.skip != nil { line += "  [skip]" }
            if p.limit != nil { line += "  [limit]" }
            return [line] + input.lines(indent: indent + 1)
        case .filter(let input, _):
            return [pad + "Filter"] + input.lines(indent: indent + 1)
        case .union(let parts, let all):
            var out = [pad + (all.allSatisfy { $0 } ? "UnionAll" : "Union")]
            for p in parts { out += p.lines(indent: indent + 1) }
            return out
        }
    }

    static func describe(_ p: PathPattern) -> String {
        var s = node(p.nodes[0])
        for (i, r) in p.relationships.enumerated() {
            var inner = r.variable ?? ""
            if !r.types.isEmpty { inner += ":" + r.types.joined(separator: "|") }
            if let l = r.length { inner += "*\(l.min)..\(l.max.map(String.init) ?? "")" }
            switch r.direction {
            case .outgoing: s += "-[\(inner)]->"
            case .incoming: s += "<-[\(inner)]-"
            case .either: s += "-[\(inner)]-"
            }
            s += node(p.nodes[i + 1])
        }
        return s
    }

    static func node(_ n: NodePattern) -> String {
        "(" + (n.variable ?? "") + n.labels.map { ":" + $0 }.joined() + (n.properties.isEmpty ? "" : " {…}") + ")"
    }
}
