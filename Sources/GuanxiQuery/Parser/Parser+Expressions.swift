extension Parser {
    /// Expressions by precedence: OR < XOR < AND < NOT < comparison and predicates <
    /// + - < * / % < ^ < unary < postfix (property, index, slice) < atom.
    mutating func expression() throws -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw QueryError(.syntax, "the query nests expressions more than \(Self.maximumDepth) deep", at: current.position, in: source)
        }
        return try orExpression()
    }

    mutating func orExpression() throws -> Expression {
        var left = try xorExpression()
        while isKeyword("OR") {
            let p = current.position
            advance()
            left = .binary("OR", left, try xorExpression(), p)
        }
        return left
    }

    mutating func xorExpression() throws -> Expression {
        var left = try andExpression()
        while isKeyword("XOR") {
            let p = current.position
            advance()
            left = .binary("XOR", left, try andExpression(), p)
        }
        return left
    }

    mutating func andExpression() throws -> Expression {
        var left = try notExpression()
        while isKeyword("AND") {
            let p = current.position
            advance()
            left = .binary("AND", left, try notExpression(), p)
        }
        return left
    }

    mutating func notExpression() throws -> Expression {
        if isKeyword("NOT") {
            let p = current.position
            advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw QueryError(.syntax, "too many NOTs in a row", at: p, in: source) }
            return .unary("NOT", try notExpression(), p)
        }
        return try comparison()
    }

    /// Comparisons chain operands: `a < b < c` means `a < b AND b < c`.
    mutating func comparison() throws -> Expression {
        var left = try predicateExpression()
        var comparisons: [Expression] = []
        while true {
            let p = current.position
            if case .symbol(let s) = current.kind, ["=", "<>", "<", ">", "<=", ">=", "=~"].contains(s) {
                advance()
                let right = try predicateExpression()
                comparisons.append(.binary(s, left, right, p))
                left = right
            } else if isSymbol("<-") {
                // `a<-1` is a comparison with a negative number.
                advance()
                let right = Expression.unary("-", try predicateExpression(), p)
                comparisons.append(.binary("<", left, right, p))
                left = right
            } else {
                break
            }
        }
        guard var result = comparisons.first else { return left }
        for c in comparisons.dropFirst() {
            if case .binary(_, _, _, let p) = c { result = .binary("AND", result, c, p) }
        }
        return result
    }

    /// String, list and null predicates bind tighter than comparisons:
    /// `a IS NULL = b IS NULL` compares two booleans.
    mutating func predicateExpression() throws -> Expression {
        var left = try additive()
        while true {
            let p = current.position
            if isKeyword("IN") {
                advance()
                left = .binary("IN", left, try additive(), p)
            } else if isKeyword("STARTS") || isKeyword("ENDS") {
                let op = isKeyword("STARTS") ? "STARTS WITH" : "ENDS WITH"
                advance()
                try expect(keyword: "WITH")
                left = .binary(op, left, try additive(), p)
            } else if isKeyword("CONTAINS") {
                advance()
                left = .binary("CONTAINS", left, try additive(), p)
            } else if isKeyword("IS") {
                advance()
                let negated = accept(keyword: "NOT")
                try expect(keyword: "NULL")
                left = .isNull(left, negated: negated)
            } else {
                return left
            }
        }
    }

    mutating func additive() throws -> Expression {
        var left = try multiplicative()
        while isSymbol("+") || isSymbol("-") {
            let p = current.position
            let op = isSymbol("+") ? "+" : "-"
            advance()
            left = .binary(op, left, try multiplicative(), p)
        }
        return left
    }

    mutating func multiplicative() throws -> Expression {
        var left = try power()
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            let p = current.position
            guard case .symbol(let op) = current.kind else { break }
            advance()
            left = .binary(op, left, try power(), p)
        }
        return left
    }

    mutating func power() throws -> Expression {
        var left = try unaryExpression()
        while isSymbol("^") {
            let p = current.position
            advance()
            left = .binary("^", left, try unaryExpression(), p)
        }
        return left
    }

    mutating func unaryExpression() throws -> Expression {
        let p = current.position
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw QueryError(.syntax, "too many signs in a row", at: p, in: source) }
        if accept(symbol: "-") {
            // Fold negative literals so that -9223372036854775808 stays an integer.
            if case .integer(let v) = current.kind {
                advance()
                return try postfix(.literal(.integer(-v)))
            }
            return .unary("-", try unaryExpression(), p)
        }
        if accept(symbol: "+") { return try unaryExpression() }
        return try postfix(try atom())
    }

    mutating func postfix(_ base: Expression) throws -> Expression {
        var e = base
        while true {
            let p = current.position
            if isSymbol(":"), case .variable = e {
                // A label predicate: n:Label:Other.
                var labels: [String] = []
                while accept(symbol: ":") { labels.append(try identifier("a label after ‘:’")) }
                e = .function("__haslabels", distinct: false, arguments: [e] + labels.map { .literal(.string($0)) }, p)
            } else if accept(symbol: ".") {
                e = .property(e, try identifier("a property name after ‘.’"), p)
            } else if accept(symbol: "[") {
                if accept(symbol: "..") {
                    let upper = isSymbol("]") ? nil : try expression()
                    try expect(symbol: "]")
                    e = .slice(e, nil, upper, p)
                } else {
                    let first = try expression()
                    if accept(symbol: "..") {
                        let upper = isSymbol("]") ? nil : try expression()
                        try expect(symbol: "]")
                        e = .slice(e, first, upper, p)
                    } else {
                        try expect(symbol: "]")
                        e = .index(e, first, p)
                    }
                }
            } else {
                return e
            }
        }
    }

    mutating func atom() throws -> Expression {
        let p = current.position
        switch current.kind {
        case .integer(let v): advance(); return .literal(.integer(v))
        case .float(let d): advance(); return .literal(.float(d))
        case .string(let s): advance(); return .literal(.string(s))
        case .parameter(let name): advance(); return .parameter(name, p)
        case .keyword("TRUE"): advance(); return .literal(.boolean(true))
        case .keyword("FALSE"): advance(); return .literal(.boolean(false))
        case .keyword("NULL"): advance(); return .literal(.null)
        case .keyword("CASE"): return try caseExpression()
        case .symbol("["):
            advance()
            if case .identifier(let name) = current.kind, isKeyword("IN", at: 1) {
                advance()
                advance()
                let list = try expression()
                let predicate = accept(keyword: "WHERE") ? try expression() : nil
                let projection = accept(symbol: "|") ? try expression() : nil
                try expect(symbol: "]", "‘]’ to close the list comprehension")
                return .listComprehension(variable: name, list: list, predicate: predicate, projection: projection, p)
            }
            var namedPath = false
            if case .identifier = current.kind, isSymbol("=", at: 1) { namedPath = true }
            if namedPath || isSymbol("(") && looksLikePatternAhead() {
                let pattern = try pathPattern()
                guard !pattern.relationships.isEmpty else { throw QueryError(.syntax, "a pattern comprehension needs a relationship", at: p, in: source) }
                let predicate = accept(keyword: "WHERE") ? try expression() : nil
                try expect(symbol: "|", "‘|’ and what to collect for each match")
                let projection = try expression()
                try expect(symbol: "]", "‘]’ to close the pattern comprehension")
                return .patternComprehension(pattern, predicate: predicate, projection: projection, p)
            }
            if barBeforeListEnds() {
                throw QueryError(.syntax, "a ‘|’ in a list belongs to a comprehension: [x IN list | …] or [(a)-->(b) | …]", at: p, in: source)
            }
            var items: [Expression] = []
            if !isSymbol("]") {
                repeat { items.append(try expression()) } while accept(symbol: ",")
            }
            try expect(symbol: "]", "‘]’ to close the list")
            return .list(items)
        case .symbol("{"):
            return .map(try mapLiteral())
        case .symbol("("):
            // A parenthesis opens either an expression or a pattern predicate.
            if looksLikePattern() { return .patternPredicate(try pathPattern()) }
            advance()
            let e = try expression()
            try expect(symbol: ")", "‘)’ to close the parenthesis")
            return e
        case .identifier, .keyword:
            if case .keyword(let k) = current.kind, Self.reserved.contains(k) || ["DISTINCT"].contains(k) {
                throw error("an expression")
            }
            let name = try identifier("an expression")
            if accept(symbol: "(") {
                if name.lowercased() == "count" && accept(symbol: "*") {
                    try expect(symbol: ")")
                    return .countStar
                }
                // any(x IN list WHERE predicate), and all, none, single.
                if Self.quantifiers.contains(name.lowercased()), case .identifier(let v) = current.kind, isKeyword("IN", at: 1) {
                    advance()
                    advance()
                    let list = try expression()
                    try expect(keyword: "WHERE")
                    let predicate = try expression()
                    try expect(symbol: ")", "‘)’ to close \(name)(…)")
                    return .function(name, distinct: false, arguments: [.listComprehension(variable: v, list: list, predicate: predicate, projection: nil, p)], p)
                }
                let distinct = accept(keyword: "DISTINCT")
                var args: [Expression] = []
                if !isSymbol(")") {
                    repeat { args.append(try expression()) } while accept(symbol: ",")
                }
                try expect(symbol: ")", "‘)’ to close the arguments of \(name)")
                return .function(name, distinct: distinct, arguments: args, p)
            }
            return .variable(name, p)
        default:
            throw error("an expression")
        }
    }

    /// True when the parenthesis at the current token opens a pattern.
    func looksLikePatternAhead() -> Bool { looksLikePattern() }

    /// Whether a `|` stands at the top level of the list that has just opened, as in
    /// `[p = (a)-->(b) | p]`: no list literal holds one.
    func barBeforeListEnds() -> Bool {
        var k = 0
        var depth = 0
        while true {
            switch peek(k).kind {
            case .end: return false
            case .symbol("|") where depth == 0: return true
            case .symbol("["), .symbol("("), .symbol("{"): depth += 1
            case .symbol("]") where depth == 0: return false
            case .symbol("]"), .symbol(")"), .symbol("}"): depth -= 1
            default: break
            }
            k += 1
        }
    }

    /// `(a)-[…]-(b)` after `(`: a node pattern followed by a relationship.
    func looksLikePattern() -> Bool {
        var k = 1
        var depth = 1
        while depth > 0 {
            let t = peek(k)
            if case .end = t.kind { return false }
            if case .symbol(let s) = t.kind {
                if s == "(" { depth += 1 }
                if s == ")" { depth -= 1 }
            }
            k += 1
        }
        let after = peek(k)
        if case .symbol(let s) = after.kind, s == "-" || s == "<-" {
            // `(a) - 1` is arithmetic; a pattern continues with [ ( > or -.
            let next = peek(k + 1)
            if case .symbol(let n) = next.kind, ["[", "(", "->", "-"].contains(n) { return true }
        }
        return false
    }

    mutating func caseExpression() throws -> Expression {
        try expect(keyword: "CASE")
        let subject = isKeyword("WHEN") ? nil : try expression()
        var branches: [(Expression, Expression)] = []
        while accept(keyword: "WHEN") {
            let condition = try expression()
            try expect(keyword: "THEN")
            branches.append((condition, try expression()))
        }
        guard !branches.isEmpty else { throw error("WHEN") }
        let otherwise = accept(keyword: "ELSE") ? try expression() : nil
        try expect(keyword: "END")
        return .caseWhen(subject: subject, branches: branches, otherwise: otherwise)
    }
}
