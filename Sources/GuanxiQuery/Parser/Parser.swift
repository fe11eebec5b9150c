/// Parses tokens into a `QueryAST`. Recursive descent; every loop consumes a token or
/// stops, and every error names what was expected where.
struct Parser {
    let source: QuerySource
    var tokens: [Token]
    var index = 0
    /// How deeply expressions and patterns are nested right now.
    var depth = 0
    /// Deeper nesting is refused with an error instead of exhausting the stack.
    static let maximumDepth = 200

    init(source: QuerySource) throws {
        self.source = source
        self.tokens = try Lexer(source: source).tokens()
    }

    var current: Token { tokens[min(index, tokens.count - 1)] }

    func peek(_ k: Int = 1) -> Token { tokens[min(index + k, tokens.count - 1)] }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func isKeyword(_ k: String, at offset: Int = 0) -> Bool {
        if case .keyword(let s) = peek(offset).kind { return s == k }
        return false
    }

    func isSymbol(_ s: String, at offset: Int = 0) -> Bool {
        if case .symbol(let x) = peek(offset).kind { return x == s }
        return false
    }

    mutating func accept(keyword k: String) -> Bool {
        guard isKeyword(k) else { return false }
        advance()
        return true
    }

    mutating func accept(symbol s: String) -> Bool {
        guard isSymbol(s) else { return false }
        advance()
        return true
    }

    func error(_ expected: String) -> QueryError {
        QueryError(.syntax, "expected \(expected), found \(current.display)", at: current.position, in: source)
    }

    mutating func expect(symbol s: String, _ what: String? = nil) throws {
        guard accept(symbol: s) else { throw error(what ?? "‘\(s)’") }
    }

    mutating func expect(keyword k: String) throws {
        guard accept(keyword: k) else { throw error(k) }
    }

    mutating func identifier(_ what: String) throws -> String {
        switch current.kind {
        case .identifier(let s):
            advance()
            return s
        case .keyword(let k) where !Self.reserved.contains(k):
            let name = current.spelling.isEmpty ? k.lowercased() : current.spelling
            advance()
            return name
        default:
            throw error(what)
        }
    }

    /// Keywords that cannot be names; others (`count`, `end` in a map) can.
    /// `any(x IN list WHERE …)` and its kin.
    static let quantifiers: Set<String> = ["any", "all", "none", "single"]

    static let reserved: Set<String> = ["MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "AND", "OR", "NOT", "XOR", "UNION", "ORDER", "SKIP", "LIMIT", "AS"]

    /// Parses the whole query.
    mutating func parse() throws -> QueryAST {
        let explain = accept(keyword: "EXPLAIN")
        // PROFILE is no keyword (it stays a name elsewhere): no query starts with a name.
        var profile = false
        if !explain, case .identifier(let word) = current.kind, word.uppercased() == "PROFILE" {
            advance()
            profile = true
        }
        var parts: [[Clause]] = [try singleQuery()]
        var unionAll: [Bool] = []
        while isKeyword("UNION") {
            let p = current.position
            advance()
            let all = accept(keyword: "ALL")
            if let first = unionAll.first, first != all {
                throw QueryError(.syntax, "UNION and UNION ALL cannot be mixed in one query", at: p, in: source)
            }
            unionAll.append(all)
            parts.append(try singleQuery())
        }
        _ = accept(symbol: ";")
        guard case .end = current.kind else { throw error("the end of the query, or UNION") }
        return QueryAST(parts: parts, unionAll: unionAll, explain: explain, profile: profile)
    }

    mutating func singleQuery() throws -> [Clause] {
        var clauses: [Clause] = []
        while true {
            let start = current.position
            if isKeyword("MATCH") || (isKeyword("OPTIONAL") && isKeyword("MATCH", at: 1)) {
                let optional = accept(keyword: "OPTIONAL")
                try expect(keyword: "MATCH")
                var patterns = [try pathPattern()]
                while accept(symbol: ",") { patterns.append(try pathPattern()) }
                let predicate = accept(keyword: "WHERE") ? try expression() : nil
                clauses.append(.match(optional: optional, patterns: patterns, predicate: predicate, start))
            } else if accept(keyword: "WITH") {
                let projection = try self.projection(start)
                let predicate = accept(keyword: "WHERE") ? try expression() : nil
                clauses.append(.with(projection, predicate: predicate))
            } else if accept(keyword: "UNWIND") {
                let e = try expression()
                try expect(keyword: "AS")
                clauses.append(.unwind(e, alias: try identifier("a name after AS"), start))
            } else if accept(keyword: "RETURN") {
                clauses.append(.returns(try projection(start)))
                break
            } else if case .keyword(let k) = current.kind, ["CREATE", "DELETE", "SET", "MERGE", "REMOVE", "DETACH", "CALL"].contains(k) {
                throw QueryError(.syntax, "\(k) is not supported: the query language reads the graph and never changes it", at: current.position, in: source)
            } else {
                throw error(clauses.isEmpty ? "MATCH, OPTIONAL MATCH, WITH, UNWIND or RETURN" : "MATCH, WITH, UNWIND or RETURN")
            }
        }
        return clauses
    }

    mutating func projection(_ position: SourcePosition) throws -> Projection {
        var p = Projection(position: position)
        p.distinct = accept(keyword: "DISTINCT")
        if accept(symbol: "*") {
            p.star = true
            if accept(symbol: ",") { p.items = try projectionItems() }
        } else {
            p.items = try projectionItems()
        }
        if accept(keyword: "ORDER") {
            try expect(keyword: "BY")
            repeat {
                let e = try expression()
                var ascending = true
                if accept(keyword: "DESC") || accept(keyword: "DESCENDING") { ascending = false } else { _ = accept(keyword: "ASC") || accept(keyword: "ASCENDING") }
                p.order.append((e, ascending))
            } while accept(symbol: ",")
        }
        if accept(keyword: "SKIP") { p.skip = try expression() }
        if accept(keyword: "LIMIT") { p.limit = try expression() }
        return p
    }

    mutating func projectionItems() throws -> [ProjectionItem] {
        var items: [ProjectionItem] = []
        repeat {
            let start = current.position
            let e = try expression()
            let end = current.position.offset
            var text = String(String.UnicodeScalarView(source.scalars[start.offset..<max(start.offset, min(end, source.scalars.count))]))
            text = text.trimmingWhitespace()
            let alias = accept(keyword: "AS") ? try identifier("a name after AS") : nil
            items.append(ProjectionItem(expression: e, alias: alias, text: text, position: start))
        } while accept(symbol: ",")
        return items
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
