import Foundation

/// A setup script cut where it writes: each segment is the reading clauses (MATCH,
/// OPTIONAL MATCH, UNWIND, WITH) that feed rows to the CREATE and DELETE clauses after
/// them. `CREATE (a) WITH a UNWIND range(1, 3) AS i CREATE (a)-[:T]->({n: i})` is two
/// segments; statements separated by `;` start afresh.
struct SetupScript {
    /// What a segment writes.
    enum Write {
        /// Patterns to create; `maps` holds, by the offset of each node or relationship
        /// pattern with properties, the text of its property map (to evaluate it as an
        /// expression when it is not a constant).
        case create([PathPattern], maps: [Int: String])
        /// Variables to delete; `detach` deletes a node's relationships with it.
        case delete([(name: String, position: SourcePosition)], detach: Bool)
    }

    struct Segment {
        /// The reading clauses as written, joined; empty when the writes come first.
        var reading = ""
        /// Where the reading clauses start in the script, for errors.
        var position: SourcePosition?
        var writes: [Write] = []
    }

    /// The statements, each a list of segments.
    var statements: [[Segment]] = []
}

extension Parser {
    static let readingClauses: Set<String> = ["MATCH", "OPTIONAL", "UNWIND", "WITH"]

    /// Reads a whole setup script.
    /// - Throws: `QueryError` for syntax errors and for clauses other than reading ones,
    ///   CREATE and [DETACH] DELETE.
    mutating func setupScript() throws -> SetupScript {
        var script = SetupScript()
        var segments: [SetupScript.Segment] = []
        var segment = SetupScript.Segment()
        func close() {
            if !segment.writes.isEmpty { segments.append(segment) }
            segment = SetupScript.Segment()
        }
        while true {
            if case .end = current.kind { break }
            if accept(symbol: ";") {
                close()
                if !segments.isEmpty { script.statements.append(segments) }
                segments = []
                continue
            }
            guard case .keyword(let k) = current.kind else {
                throw QueryError(.syntax, "expected a clause, found \(current.display)", at: current.position, in: source)
            }
            switch k {
            case _ where Self.readingClauses.contains(k):
                if !segment.writes.isEmpty { close() }
                let start = index
                if segment.position == nil { segment.position = current.position }
                advance()
                skipToNextClause()
                segment.reading += (segment.reading.isEmpty ? "" : " ") + text(from: start, to: index)
            case "CREATE":
                advance()
                var patterns = [try pathPattern()]
                while accept(symbol: ",") { patterns.append(try pathPattern()) }
                segment.writes.append(.create(patterns, maps: propertyMaps(of: patterns)))
            case "DELETE", "DETACH":
                let detach = accept(keyword: "DETACH")
                try expect(keyword: "DELETE")
                var names: [(String, SourcePosition)] = []
                repeat {
                    guard case .identifier(let name) = current.kind else {
                        throw QueryError(.semantic, "the loader deletes variables only, not \(current.display)", at: current.position, in: source)
                    }
                    names.append((name, current.position))
                    advance()
                } while accept(symbol: ",")
                segment.writes.append(.delete(names, detach: detach))
            default:
                throw QueryError(.semantic, "the loader runs CREATE, DELETE and the reading clauses that feed them; this script uses \(k)", at: current.position, in: source)
            }
        }
        close()
        if !segments.isEmpty { script.statements.append(segments) }
        return script
    }

    /// Moves to the next clause keyword outside brackets (`WITH` after STARTS or ENDS is
    /// an operator, `MATCH` after OPTIONAL and `DELETE` after DETACH belong to it).
    mutating func skipToNextClause() {
        var depth = 0
        while true {
            switch current.kind {
            case .end: return
            case .symbol("("), .symbol("["), .symbol("{"): depth += 1
            case .symbol(")"), .symbol("]"), .symbol("}"): depth -= 1
            case .symbol(";") where depth == 0: return
            case .keyword(let k) where depth == 0:
                let previous = index > 0 ? tokens[index - 1].kind : .end
                let joined = (k == "WITH" && (previous == .keyword("STARTS") || previous == .keyword("ENDS")))
                    || (k == "MATCH" && previous == .keyword("OPTIONAL"))
                if !joined && (Self.readingClauses.contains(k) || ["CREATE", "DELETE", "DETACH", "RETURN", "SET", "MERGE", "REMOVE", "CALL", "UNION"].contains(k)) {
                    return
                }
            default: break
            }
            advance()
        }
    }

    /// The script text from token `start` up to token `end`.
    func text(from start: Int, to end: Int) -> String {
        let from = tokens[start].position.offset
        let to = end < tokens.count ? min(tokens[end].position.offset, source.scalars.count) : source.scalars.count
        var s = String.UnicodeScalarView()
        s.append(contentsOf: source.scalars[from..<max(from, to)])
        return String(s).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The text of each property map in `patterns`, by the offset of the node or
    /// relationship pattern it belongs to: the first `{` after the pattern's start, to
    /// its matching `}`.
    func propertyMaps(of patterns: [PathPattern]) -> [Int: String] {
        var maps: [Int: String] = [:]
        var offsets: [Int] = []
        for path in patterns {
            offsets += path.nodes.filter { !$0.properties.isEmpty }.map(\.position.offset)
            offsets += path.relationships.filter { !$0.properties.isEmpty }.map(\.position.offset)
        }
        for offset in offsets {
            guard let open = tokens.firstIndex(where: { $0.position.offset >= offset && $0.kind == .symbol("{") }) else { continue }
            var depth = 0, close = open
            for i in open..<tokens.count {
                if tokens[i].kind == .symbol("{") { depth += 1 }
                if tokens[i].kind == .symbol("}") { depth -= 1 }
                if depth == 0 { close = i; break }
            }
            maps[offset] = text(from: open, to: close + 1)
        }
        return maps
    }
}
